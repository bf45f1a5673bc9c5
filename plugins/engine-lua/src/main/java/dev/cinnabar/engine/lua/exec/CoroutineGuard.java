package dev.cinnabar.engine.lua.exec;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Replaces {@code coroutine.create}, {@code coroutine.resume} and {@code coroutine.wrap} of a globals table with
 * versions that go through the active {@link Run}: it counts live coroutines against the bound, records each
 * coroutine's Java thread (so that the run can end them all when it ends), keeps a separate call depth per
 * coroutine, and rethrows at once an abort that LuaJ swallowed on a coroutine's thread. Outside a run they
 * behave as LuaJ's.
 */
final class CoroutineGuard {

    private CoroutineGuard() {
    }

    static void install(LuaValue globals) {
        LuaValue co = globals.rawget("coroutine");
        if (!co.istable()) {
            return;
        }
        LuaTable t = (LuaTable) co;
        LuaValue g = globals;
        t.rawset("create", new Create(g));
        t.rawset("resume", new Resume());
        t.rawset("wrap", new Wrap(g));
    }

    static LuaThread create(LuaValue globals, LuaValue f) {
        if (!f.isclosure() && !(f instanceof org.luaj.vm2.LuaFunction lf && LuaCompiler.isCompiled(lf))) {
            throw new org.luaj.vm2.cinnabar.Lua51ArgError(1, "Lua function expected");
        }
        LuaValue func = f;
        Run r = LuaInterrupts.run;
        if (r == null) {
            return new LuaThread(globals.checkglobals(), func);
        }
        return r.newCoroutine(func);
    }

    static Varargs resume(LuaThread t, Varargs args) {
        Run r = LuaInterrupts.run;
        return r == null ? t.resume(args) : r.resume(t, args);
    }

    static final class Create extends OneArgFunction {
        private final LuaValue globals;

        Create(LuaValue globals) {
            this.globals = globals;
            this.name = "create";
        }

        @Override
        public LuaValue call(LuaValue f) {
            return create(globals, f);
        }
    }

    static final class Resume extends VarArgFunction {
        Resume() {
            this.name = "resume";
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (!(args.arg1() instanceof LuaThread t)) {
                throw new org.luaj.vm2.cinnabar.Lua51ArgError(1, "coroutine expected");
            }
            return resume(t, args.subargs(2));
        }
    }

    static final class Wrap extends OneArgFunction {
        private final LuaValue globals;

        Wrap(LuaValue globals) {
            this.globals = globals;
            this.name = "wrap";
        }

        @Override
        public LuaValue call(LuaValue f) {
            return new Wrapper(create(globals, f));
        }
    }

    static final class Wrapper extends VarArgFunction {
        private final LuaThread thread;

        Wrapper(LuaThread thread) {
            this.thread = thread;
            this.name = "wrap";
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = resume(thread, args);
            if (result.arg1().toboolean()) {
                return result.subargs(2);
            }
            // as Lua 5.1's auxwrap: a string error gets the position of the call, any other value passes as it is
            LuaValue e = result.arg(2);
            throw e.isstring() ? new LuaError(e.tojstring()) : new LuaError(e);
        }
    }
}
