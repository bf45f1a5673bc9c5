package dev.cinnabar.engine.js;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;

/**
 * Makes the engine's Rhino contexts: interpreted by default (the only mode in which Rhino bounds
 * recursion without using the Java stack; see {@link #OPTIMIZATION} for the measurement), ES6, no
 * Java at all, and the instruction observer that polls the kill signal. Never installed as
 * Rhino's global factory: other code in the JVM is not affected.
 */
final class JsContextFactory extends ContextFactory {

    static final JsContextFactory INSTANCE = new JsContextFactory();

    /** The heap bound: {@code -Dcinnabar.js.max-memory=<bytes>}, else the heap less a tenth (at least 64 MiB). */
    static final dev.cinnabar.api.script.HeapBound HEAP = new dev.cinnabar.api.script.HeapBound(Long.getLong("cinnabar.js.max-memory", 0L));

    /** Interpreter instructions between two polls of the kill signal and the heap bound. */
    static final int POLL_INSTRUCTIONS = 10_000;
    /**
     * Nested JavaScript calls. The interpreter keeps its frames on the heap, but a call through a
     * native (a {@code map} callback, a getter) also nests Java frames: 10 000 levels of those fit
     * the executor's stack ({@code ScriptEngine.EXECUTOR_STACK_BYTES}), deeper would not. Lower it with
     * {@code -Dcinnabar.js.max-call-depth=<n>}.
     */
    static final int MAX_DEPTH = Math.max(1, Math.min(10_000, Integer.getInteger("cinnabar.js.max-call-depth", 10_000)));
    /**
     * Rhino's optimization level: -1 (the default) interprets, 0..9 compile to JVM classes. Compiled code
     * runs a 200-iteration loop about 35 times faster and a one-INCR function about twice as fast
     * ({@code ExecutionModeBenchTest}), but recursion then uses the Java stack with no bound of its
     * own: it ends in a {@code StackOverflowError} wherever the stack runs out, possibly inside a
     * command the script called. So interpreting is the default and compiling an opt-in
     * ({@code -Dcinnabar.js.optimization=9}) for trusted, loop-heavy scripts.
     */
    static final int OPTIMIZATION = Math.max(-1, Math.min(9, Integer.getInteger("cinnabar.js.optimization", -1)));

    private JsContextFactory() {
    }

    /** A new context for one VM; it is entered and left around each run on the executor. */
    RunContext newContext() {
        return (RunContext) makeContext();
    }

    @Override
    protected Context makeContext() {
        RunContext cx = new RunContext(this);
        cx.setOptimizationLevel(OPTIMIZATION);
        cx.setLanguageVersion(Context.VERSION_ES6);
        if (OPTIMIZATION < 0) {
            cx.setMaximumInterpreterStackDepth(MAX_DEPTH); // only the interpreter supports it
        }
        cx.setInstructionObserverThreshold(POLL_INSTRUCTIONS);
        // no Java class is visible to scripts: no Packages, no getClass, no host objects, no wrapped Java exceptions
        cx.setClassShutter(className -> false);
        return cx;
    }

    @Override
    protected boolean hasFeature(Context cx, int featureIndex) {
        switch (featureIndex) {
            case Context.FEATURE_E4X: // XML would load java.xml classes; not JavaScript as scripts know it
            case Context.FEATURE_ENHANCED_JAVA_ACCESS: // would let catch see Java errors, our abort included
            case Context.FEATURE_DYNAMIC_SCOPE:
                return false;
            case Context.FEATURE_LOCATION_INFORMATION_IN_ERROR:
                return true;
            default:
                return super.hasFeature(cx, featureIndex);
        }
    }

    @Override
    protected void observeInstructionCount(Context cx, int instructionCount) {
        ((RunContext) cx).poll();
    }
}
