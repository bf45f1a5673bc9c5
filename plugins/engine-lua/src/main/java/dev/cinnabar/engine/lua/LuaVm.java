package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptRun;
import dev.cinnabar.api.script.ScriptVm;
import dev.cinnabar.engine.lua.env.LuaEnvironment;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;

import java.util.function.Supplier;

/**
 * One Lua state, as Redis builds it in {@code scriptingInit}: the 5.1 environment, the
 * {@code redis} table, the bundled libraries, Redis's {@code pcall}, then every global table
 * made read-only.
 */
final class LuaVm implements ScriptVm {

    private final Kind kind;
    private final Globals globals;
    private final RunState state = new RunState();
    /** Function libraries (FUNCTION VMs only), created at the first load. */
    private LuaLibraryLoader libraries;

    LuaVm(Kind kind) {
        this.kind = kind;
        this.globals = LuaEnvironment.create();
        globals.rawset("redis", RedisLib.create(state));
        globals.rawset("pcall", new ProtectedCall());
        globals.rawset("__redis__err__handler", new ErrorHandler());
        Libraries.install(globals);
        LuaEnvironment.protect(globals);
    }

    @Override
    public CompiledScript compile(byte[] body) throws ScriptException {
        try {
            LuaFunction f = LuaEnvironment.compile(globals, body, kind == Kind.EVAL ? "@user_script" : "@user_function");
            if (f instanceof LuaClosure c) {
                TailCalls.disable(c.p);
            }
            return new LuaScript(this, f);
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

    /** Runs {@code body} for {@code run} and writes its result or error as the reply. */
    void run(ScriptRun run, Supplier<LuaValue> body) {
        state.begin(run);
        try {
            LuaValue result;
            try {
                result = body.get();
            } catch (LuaError e) {
                run.host().replyError(LuaScript.errorReply(e, run.name()), LuaScript.innerCommandError(e));
                return;
            }
            LuaReplyWriter.write(result, run.reply(), run.host(), state.protocol);
        } finally {
            state.end();
        }
    }

    @Override
    public long memoryUsed() {
        return 0;
    }

    @Override
    public void close() {
    }
}
