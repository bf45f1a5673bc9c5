package dev.cinnabar.engine.lua;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Redis's {@code pcall} ({@code luaRedisPcall}): Lua's own pcall, except that an error table with
 * a string {@code err} comes back as that string. Lua's pcall catches only Lua errors: the kill
 * signal and resource limits are not errors a script may handle.
 */
final class ProtectedCall extends VarArgFunction {

    private final LuaValue luaPcall;

    ProtectedCall(LuaValue luaPcall) {
        this.luaPcall = luaPcall;
    }

    @Override
    public Varargs invoke(Varargs args) {
        Varargs r = luaPcall.invoke(args);
        if (r.arg1().toboolean()) {
            return r;
        }
        LuaValue e = r.arg(2);
        if (e.istable()) {
            LuaValue err = e.rawget(RedisErrors.ERR);
            if (err.isstring()) {
                return varargsOf(FALSE, err);
            }
        }
        return r;
    }
}
