package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.cinnabar.Lua51Error;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's coroutine library on LuaJ threads: create resume running status wrap yield;
 * {@code running()} is nil in the main thread, as in 5.1.
 */
final class CoroutineLib51 {

    private CoroutineLib51() {
    }

    abstract static class Fn extends VarArgFunction {
        Fn(String name) {
            this.name = name;
        }

        String fname() {
            return name;
        }
    }

    static LuaThread checkCo(Varargs a, int narg, String fname) {
        LuaValue v = a.arg(narg);
        if (!(v instanceof LuaThread t)) throw Args51.argError(narg, fname, "coroutine expected");
        return t;
    }

    static void install(Globals g) {
        LuaTable t = new LuaTable();
        Fn[] fns = {
            new Fn("create") {
                public Varargs invoke(Varargs a) {
                    LuaValue f = a.arg1();
                    if (!f.isclosure()) throw Args51.argError(1, name, "Lua function expected");
                    return new LuaThread(g, f);
                }
            },
            new Fn("resume") {
                public Varargs invoke(Varargs a) {
                    LuaThread co = checkCo(a, 1, name);
                    return co.resume(a.subargs(2));
                }
            },
            new Fn("running") {
                public Varargs invoke(Varargs a) {
                    LuaThread r = g.running;
                    return r == null || r.isMainThread() ? NIL : r;
                }
            },
            new Fn("status") {
                public Varargs invoke(Varargs a) {
                    return valueOf(checkCo(a, 1, name).getStatus());
                }
            },
            new Fn("wrap") {
                public Varargs invoke(Varargs a) {
                    LuaValue f = a.arg1();
                    if (!f.isclosure()) throw Args51.argError(1, name, "Lua function expected");
                    LuaThread co = new LuaThread(g, f);
                    return new Fn("wrap") {
                        public Varargs invoke(Varargs x) {
                            Varargs r = co.resume(x);
                            if (r.arg1().toboolean()) return r.subargs(2);
                            LuaValue err = r.arg(2);
                            if (Args51.isString(err)) throw new LuaError(err.tojstring());
                            throw new LuaError(err);
                        }
                    };
                }
            },
            new Fn("yield") {
                public Varargs invoke(Varargs a) {
                    if (g.running == null || g.running.isMainThread()) {
                        throw new Lua51Error("attempt to yield across metamethod/C-call boundary");
                    }
                    return g.yield(a);
                }
            },
        };
        for (Fn f : fns) t.rawset(f.fname(), f);
        g.set("coroutine", t);
    }
}
