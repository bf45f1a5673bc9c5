package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptRun;

/** What the {@code redis} library needs of the run in progress on its VM. */
final class RunState {

    ScriptRun run;
    ScriptHost host;
    /** {@code redis.setresp}: 2 at every start. */
    int protocol = 2;
    final LuaReplyBuilder replies = new LuaReplyBuilder();

    void begin(ScriptRun r) {
        run = r;
        host = r.host();
        protocol = 2;
    }

    void end() {
        run = null;
        host = null;
    }
}
