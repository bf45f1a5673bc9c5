package dev.cinnabar.api.script;

/** A compiled script or function, ready to run any number of times on its VM. */
public interface CompiledScript {

    /**
     * Runs the script to completion, writing exactly one reply (its result or its error) through
     * {@link ScriptRun#reply()} or {@link ScriptRun#error}.
     */
    void run(ScriptRun run);
}
