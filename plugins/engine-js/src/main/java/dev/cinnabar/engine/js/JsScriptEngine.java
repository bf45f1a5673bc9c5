package dev.cinnabar.engine.js;

import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.api.script.ScriptVm;

/** The {@code js} engine ({@code #!js}): each VM is a sandboxed Rhino scope. */
public final class JsScriptEngine implements ScriptEngine {

    @Override
    public String name() {
        return "js";
    }

    @Override
    public ScriptVm createVm(ScriptVm.Kind kind) {
        return new JsVm(kind);
    }
}
