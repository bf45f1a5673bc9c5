package dev.cinnabar.engine.lua.env;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.luaj.vm2.CinnabarHooks;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Redis 7.0.15's global protection: {@code _G} gets a metatable whose {@code __index} raises
 * {@code Script attempted to access nonexistent global variable 'x'}, then {@code _G} and every
 * table reachable from it (values, keys, metatables, the string metatable) become read-only:
 * writes raise {@code Attempt to modify a readonly table}.
 */
final class GlobalsProtection {

    private GlobalsProtection() {
    }

    static final class NonexistentGlobal extends VarArgFunction {
        NonexistentGlobal() {
            name = "__index";
        }

        public Varargs invoke(Varargs a) {
            if (a.narg() != 2) throw new LuaError("Wrong number of arguments to luaProtectedTableError");
            LuaValue k = a.arg(2);
            if (!Args51.isString(k)) throw new LuaError("Second argument to luaProtectedTableError must be a string or number");
            throw new LuaError("Script attempted to access nonexistent global variable '" + k.strvalue().tojstring() + "'");
        }
    }

    static void protect(Globals g) {
        if (g.getmetatable() == null) {
            LuaTable mt = new LuaTable();
            mt.rawset(LuaValue.INDEX, new NonexistentGlobal());
            g.setmetatable(mt);
        }
        Set<LuaTable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<LuaValue> todo = new ArrayDeque<>();
        todo.add(g);
        LuaValue smt = LuaString.s_metatable;
        if (smt != null) todo.add(smt);
        while (!todo.isEmpty()) {
            LuaValue v = todo.poll();
            if (!(v instanceof LuaTable t) || !seen.add(t)) continue;
            LuaValue mt = t.getmetatable();
            if (mt != null) todo.add(mt);
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = t.next(k);
                k = n.arg1();
                if (k.isnil()) break;
                todo.add(k);
                todo.add(n.arg(2));
            }
            CinnabarHooks.setReadOnly(t, true);
        }
    }
}
