package dev.cinnabar.engine.js;

import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptVm.FunctionRegistrar;
import org.mozilla.javascript.Scriptable;

/** What the {@code redis} object needs of the run (or library load) in progress on its VM. */
final class RunState {

    /** The VM's context; replaced after a run that ended abnormally (see {@link JsVm}). */
    RunContext cx;
    final Scriptable scope;
    final JsReplyBuilder replies;
    /** The run's host; null while a library loads and between runs. */
    ScriptHost host;
    /** The library being loaded, or null: only then may functions be registered. */
    FunctionRegistrar registrar;
    /** The VM whose state this is: it runs registered functions. */
    final JsVm vm;
    /** {@code redis.setresp}: 2 at every start. */
    int protocol = 2;

    RunState(JsVm vm, RunContext cx, Scriptable scope) {
        this.vm = vm;
        this.cx = cx;
        this.scope = scope;
        this.replies = new JsReplyBuilder(this);
    }
}
