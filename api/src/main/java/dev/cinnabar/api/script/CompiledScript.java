package dev.cinnabar.api.script;

/** A compiled script or function, ready to run any number of times on its VM. */
public interface CompiledScript {

    /**
     * Runs the script to completion, writing exactly one reply: its result to
     * {@link ScriptRun#reply()}, or its error with {@link ScriptHost#replyError}.
     */
    void run(ScriptRun run);
}
