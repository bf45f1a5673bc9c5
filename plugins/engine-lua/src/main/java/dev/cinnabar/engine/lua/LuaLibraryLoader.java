package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptRun;
import dev.cinnabar.api.script.ScriptVm.FunctionRegistrar;
import dev.cinnabar.engine.lua.env.LuaEnvironment;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.util.List;

/**
 * Function libraries on one {@code FUNCTION} VM, as Redis's {@code function_lua.c} loads them.
 *
 * <p>Library code does not run with the VM's globals as its environment but with {@code env}, an
 * empty read-only table whose {@code __index} Redis switches: while the library loads it is the
 * load API (a table holding only {@code redis} with {@code register_function}, {@code log}, the
 * log levels and the version, where any other name is a nonexistent global), and afterwards the
 * VM's full globals. So a function body sees {@code redis.call}, {@code math} and the rest when
 * FCALL runs it, while the library's top level could see none of them, and a reference to the
 * load-time {@code redis} table kept in a local still refuses {@code register_function} later.
 *
 * <p>{@code env} is a {@link Globals} although it holds nothing: LuaJ gives a closure the
 * debug hooks and error handler of its environment only when that is a {@code Globals}, so the
 * load's instruction-count hook (the 500 ms limit) is installed on {@code env} alone, and the
 * VM's own hooks are copied to it before each call of a function.
 */
final class LuaLibraryLoader {

    /** Redis's {@code lua_sethook(..., LUA_MASKCOUNT, 100000)} while a library loads. */
    static final int LOAD_POLL_INSTRUCTIONS = 100_000;
    /** Nested Lua calls allowed while loading; a deeper recursion fails as Lua's "stack overflow". */
    static final int LOAD_MAX_DEPTH = 200;

    private static final LuaString INDEX = LuaValue.valueOf("__index");

    private final LuaVm vm;
    private final Globals globals;
    private final RunState state;
    private final Globals env = new Globals();
    private final LuaTable envMeta = new LuaTable();
    private final LuaTable loadGlobals;
    private final FunctionRegistrationLib registration;

    LuaLibraryLoader(LuaVm vm, Globals globals, RunState state) {
        this.vm = vm;
        this.globals = globals;
        this.state = state;
        this.registration = new FunctionRegistrationLib(this);
        LuaValue log = globals.rawget("redis").rawget("log");
        this.loadGlobals = FunctionRegistrationLib.loadGlobals(registration, log);
        envMeta.rawset(INDEX, globals);
        envMeta.rawset(LuaValue.NEWINDEX, FunctionRegistrationLib.READ_ONLY);
        env.setmetatable(envMeta);
        syncHooks();
    }

    /** Compiles and runs one library's code; its functions go to {@code registrar}. */
    void load(byte[] code, FunctionRegistrar registrar) throws ScriptException {
        LuaFunction chunk;
        try {
            chunk = LuaEnvironment.compile(globals, code, "@user_function");
        } catch (LuaError e) {
            throw new ScriptException("ERR Error compiling function: " + Bytes.text(LuaErrors.value(e).tostring()));
        }
        chunk = withEnvironment(chunk);
        ScriptHost savedHost = state.host;
        state.host = new LoadHost(registrar);
        registration.begin(registrar);
        envMeta.rawset(INDEX, loadGlobals);
        env.debuglib = new LoadHook(registrar);
        try {
            chunk.call();
        } catch (LuaError e) {
            throw new ScriptException("ERR Error registering functions: " + loadError(e));
        } catch (StackOverflowError e) {
            throw new ScriptException("ERR Error registering functions: ERR stack overflow");
        } finally {
            envMeta.rawset(INDEX, globals);
            syncHooks();
            registration.end();
            state.host = savedHost;
        }
    }

    /** Redis's {@code luaExtractErrorInformation}: a table's {@code err}, else {@code ERR <message>}. */
    private static String loadError(LuaError e) {
        LuaValue v = LuaErrors.value(e);
        if (v.istable()) {
            LuaValue err = v.rawget(RedisErrors.ERR);
            return err.isstring() ? RedisErrors.cString(Bytes.text(err.tostring())) : "ERR unknown error";
        }
        return "ERR " + (v.isnil() ? "nil" : RedisErrors.cString(Bytes.text(v.tostring())));
    }

    /** The chunk as a closure over {@code env} instead of the VM's globals. */
    private LuaFunction withEnvironment(LuaFunction chunk) {
        if (chunk instanceof LuaClosure c) {
            return new LuaClosure(c.p, env);
        }
        chunk.initupvalue1(env); // a compiled (luajc) chunk
        return chunk;
    }

    /** The VM's hooks and main thread, for closures over {@code env}. */
    private void syncHooks() {
        env.debuglib = globals.debuglib;
        env.running = globals.running;
    }

    /** A function a library registered: FCALL runs it with the keys and arguments as two tables. */
    CompiledScript function(LuaFunction callback) {
        return new LibraryFunction(callback);
    }

    private final class LibraryFunction implements CompiledScript {
        private final LuaFunction callback;

        LibraryFunction(LuaFunction callback) {
            this.callback = callback;
        }

        @Override
        public void run(ScriptRun run) {
            syncHooks();
            vm.run(run, callback, LuaValue.varargsOf(array(run.keys()), array(run.args())));
        }
    }

    private static LuaTable array(List<byte[]> items) {
        LuaTable t = new LuaTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, LuaString.valueOf(items.get(i)));
        }
        return t;
    }

    /** What {@code redis.log} reaches while a library loads: the registrar's log, nothing else. */
    private static final class LoadHost implements ScriptHost {
        private final FunctionRegistrar registrar;

        LoadHost(FunctionRegistrar registrar) {
            this.registrar = registrar;
        }

        @Override
        public void log(int level, String message) {
            registrar.log(level, message);
        }

        @Override
        public void call(byte[][] argv, dev.cinnabar.api.reply.ReplySink into, int protocol) {
            throw new IllegalStateException("no commands while a library loads");
        }

        @Override
        public boolean aclCheck(byte[][] argv) {
            throw new IllegalStateException("no commands while a library loads");
        }

        @Override
        public void replicationFlags(int flags) {
        }

        @Override
        public String interruption() {
            return registrar.interruption();
        }

        @Override
        public void replyError(String text, boolean innerCommand) {
            throw new IllegalStateException("no reply while a library loads");
        }

        @Override
        public void close() {
        }
    }

    /**
     * The load's count hook ({@code luaEngineLoadHook}): every {@link #LOAD_POLL_INSTRUCTIONS}
     * instructions it asks the registrar whether to stop; once stopped, every instruction raises
     * the error again. It also bounds recursion, and keeps no call stacks (no tracebacks).
     */
    private static final class LoadHook extends org.luaj.vm2.lib.DebugLib {
        private final FunctionRegistrar registrar;
        private int budget = LOAD_POLL_INSTRUCTIONS;
        private int depth;
        private String stopped;

        LoadHook(FunctionRegistrar registrar) {
            this.registrar = registrar;
        }

        @Override
        public void onCall(LuaFunction f) {
        }

        @Override
        public void onCall(LuaClosure c, org.luaj.vm2.Varargs varargs, LuaValue[] stack) {
            if (depth >= LOAD_MAX_DEPTH) {
                throw new LuaError("stack overflow");
            }
            depth++;
        }

        @Override
        public void onReturn() {
            if (depth > 0) {
                depth--;
            }
        }

        @Override
        public void onInstruction(int pc, org.luaj.vm2.Varargs v, int top) {
            if (stopped == null && --budget > 0) {
                return;
            }
            budget = LOAD_POLL_INSTRUCTIONS;
            if (stopped == null) {
                stopped = registrar.interruption();
            }
            if (stopped != null) {
                throw new LuaError(RedisErrors.table(stopped));
            }
        }

        @Override
        public String traceback(int level) {
            return "";
        }
    }
}
