/** JavaScript on Mozilla Rhino, sandboxed: a second script engine behind EVAL ("#!js") and FCALL. */
module dev.cinnabar.engine.js {
    requires dev.cinnabar.api;
    // Rhino 1.7.15, an automatic module private to this plugin's layer
    requires org.mozilla.rhino;

    provides dev.cinnabar.api.script.ScriptEngine with dev.cinnabar.engine.js.JsScriptEngine;
}
