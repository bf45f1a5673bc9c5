package dev.cinnabar.engine.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Redis's {@code pcall} ({@code luaRedisPcall}): Lua's pcall, except that an error table with a
 * string {@code err} comes back as that string. Only {@link LuaError} is caught: the kill signal
 * and resource limits are not errors a script may handle.
 */
final class ProtectedCall extends VarArgFunction {

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue f = args.checkvalue(1);
        try {
            return varargsOf(TRUE, f.invoke(args.subargs(2)));
        } catch (LuaError e) {
            LuaValue v = LuaErrors.value(e);
            if (v.istable()) {
                LuaValue err = v.rawget(RedisErrors.ERR);
                if (err.isstring()) {
                    v = err;
                }
            }
            return varargsOf(FALSE, v);
        }
    }
}
