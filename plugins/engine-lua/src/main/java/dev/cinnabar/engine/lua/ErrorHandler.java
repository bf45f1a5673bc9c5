package dev.cinnabar.engine.lua;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The global {@code __redis__err__handler} Redis defines: turns a non-table error into
 * {@code {err="ERR " .. tostring(e)}}. The engine formats errors itself; the global exists
 * because scripts can see it.
 */
final class ErrorHandler extends VarArgFunction {

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue e = args.arg1();
        if (e.istable()) {
            return e;
        }
        LuaTable t = new LuaTable();
        t.rawset(RedisErrors.ERR, Bytes.lua("ERR " + Bytes.text(e.tostring().isnil() ? LuaValue.valueOf("nil") : e.tostring())));
        return t;
    }
}
