package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptVm;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.compiler.LuaC;

/** One Lua state. Work in progress: the environment is assembled in the following commits. */
final class LuaVm implements ScriptVm {

    private final Kind kind;
    private final Globals globals = new Globals();

    LuaVm(Kind kind) {
        this.kind = kind;
        LoadState.install(globals);
        LuaC.install(globals);
    }

    @Override
    public CompiledScript compile(byte[] body) throws ScriptException {
        throw new ScriptException("ERR not yet");
    }

    @Override
    public long memoryUsed() {
        return 0;
    }

    @Override
    public void close() {
    }
}
