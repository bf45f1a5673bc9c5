package dev.cinnabar.api.script;

/**
 * A script language (service interface). One instance per server; it creates the virtual machines
 * in which scripts are compiled and run.
 */
public interface ScriptEngine {

    /**
     * The thread stack, in bytes, of the executor thread that runs every script: engines may size
     * their recursion bounds on it (Redis scripts recurse thousands of levels deep).
     */
    long EXECUTOR_STACK_BYTES = 64L << 20;

    /** The name a shebang selects ({@code #!lua}); lower case. */
    String name();

    /**
     * Creates a fresh, empty VM. EVAL scripts share one VM (recreated by {@code SCRIPT FLUSH});
     * functions get another, so the two never see each other's state.
     */
    ScriptVm createVm(ScriptVm.Kind kind);
}
