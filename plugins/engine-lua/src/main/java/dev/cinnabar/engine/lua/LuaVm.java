package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptRun;
import dev.cinnabar.api.script.ScriptVm;
import dev.cinnabar.engine.lua.env.LuaEnvironment;
import org.luaj.vm2.Globals;
import dev.cinnabar.engine.lua.exec.ExecutionControl;
import dev.cinnabar.engine.lua.exec.ExecutionLimits;
import dev.cinnabar.engine.lua.exec.ScriptAbort;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.util.List;

/**
 * One Lua state, as Redis builds it in {@code scriptingInit}: the 5.1 environment, the
 * {@code redis} table, the bundled libraries, Redis's {@code pcall}, then every global table
 * made read-only.
 */
final class LuaVm implements ScriptVm {

    /** Bounds from {@link ConfiguredLimits}; compiling is chosen per script ({@link CompilePolicy}). */
    private static final ExecutionLimits LIMITS = ConfiguredLimits.fromSystemProperties();

    private static final LuaString KEYS = LuaString.valueOf("KEYS");
    private static final LuaString ARGV = LuaString.valueOf("ARGV");

    private final Kind kind;
    private final Globals globals;
    private final RunState state = new RunState();
    private final ExecutionControl control;
    /** Function libraries (FUNCTION VMs only), created at the first load. */
    private LuaLibraryLoader libraries;

    LuaVm(Kind kind) {
        this.kind = kind;
        this.globals = LuaEnvironment.create();
        globals.rawset("redis", RedisLib.create(state));
        globals.rawset("pcall", new ProtectedCall(globals.rawget("pcall")));
        globals.rawset("__redis__err__handler", new ErrorHandler());
        Libraries.install(globals);
        this.control = ExecutionControl.install(globals, LIMITS);
        LuaEnvironment.protect(globals);
    }

    @Override
    public CompiledScript compile(byte[] body) throws ScriptException {
        try {
            LuaFunction f = LuaEnvironment.compile(globals, body, kind == Kind.EVAL ? "@user_script" : "@user_function");
            return new LuaScript(this, f instanceof LuaClosure c ? CompilePolicy.CONFIGURED.load(c.p, globals) : f);
        } catch (LuaError e) {
            LuaValue v = LuaErrors.value(e);
            throw new ScriptException("ERR Error compiling script (new function): " + Bytes.text(v.tostring()));
        }
    }

    @Override
    public void loadLibrary(byte[] code, FunctionRegistrar registrar) throws ScriptException {
        if (libraries == null) {
            libraries = new LuaLibraryLoader(this, globals, state);
        }
        libraries.load(code, registrar);
    }

    void setGlobal(String name, LuaValue value) {
        LuaEnvironment.setGlobal(globals, name, value);
    }

    /**
     * Runs an EVAL body for {@code run} with fresh {@code KEYS} and {@code ARGV} globals, under the
     * kill poll and the resource bounds, and writes its result or error as the reply.
     */
    void run(ScriptRun run, LuaFunction function) {
        state.begin(run);
        try {
            LuaEnvironment.setGlobal(globals, KEYS, array(run.keys()));
            LuaEnvironment.setGlobal(globals, ARGV, array(run.args()));
            execute(run, function, LuaValue.NONE);
        } finally {
            state.end();
        }
    }

    /** Runs a library function for {@code run}: keys and arguments are its two parameters. */
    void run(ScriptRun run, LuaFunction function, Varargs args) {
        state.begin(run);
        try {
            execute(run, function, args);
        } finally {
            state.end();
        }
    }

    private void execute(ScriptRun run, LuaFunction function, Varargs args) {
        LuaValue result;
        try {
            result = control.run(function, args, run.host()::interruption, run.host()::interruptionDue).arg1();
        } catch (LuaError e) {
            run.host().replyError(LuaScript.errorReply(e, run.name()), LuaScript.innerCommandError(e));
            return;
        } catch (ScriptAbort a) {
            run.host().replyError(LuaScript.abortReply(a, run.name()), false);
            return;
        }
        LuaReplyWriter.write(result, run.reply(), run.host(), state.protocol);
    }

    private static LuaTable array(List<byte[]> items) {
        LuaTable t = new LuaTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, LuaString.valueOf(items.get(i)));
        }
        return t;
    }

    @Override
    public long memoryUsed() {
        return 0;
    }

    @Override
    public void close() {
    }
}
