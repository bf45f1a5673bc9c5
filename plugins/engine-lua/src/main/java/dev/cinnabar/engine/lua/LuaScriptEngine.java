package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.api.script.ScriptVm;

/** The {@code lua} engine: each VM is a sandboxed Lua 5.1 state on LuaJ. */
public final class LuaScriptEngine implements ScriptEngine {

    @Override
    public String name() {
        return "lua";
    }

    @Override
    public ScriptVm createVm(ScriptVm.Kind kind) {
        return new LuaVm(kind);
    }
}
