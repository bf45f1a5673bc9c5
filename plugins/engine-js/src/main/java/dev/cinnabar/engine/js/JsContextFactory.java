package dev.cinnabar.engine.js;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;

/**
 * Makes the engine's Rhino contexts: interpreted (the only mode in which Rhino bounds recursion
 * without using the Java stack, see {@code docs/engines/js.md} for the measurement), ES6, no
 * Java at all, and the instruction observer that polls the kill signal. Never installed as
 * Rhino's global factory: other code in the JVM is not affected.
 */
final class JsContextFactory extends ContextFactory {

    static final JsContextFactory INSTANCE = new JsContextFactory();

    /** Interpreter instructions between two polls of the kill signal and the heap bound. */
    static final int POLL_INSTRUCTIONS = 10_000;
    /**
     * Nested JavaScript calls. The interpreter keeps its frames on the heap, but a call through a
     * native (a {@code map} callback, a getter) also nests Java frames: 10 000 levels of those fit
     * the executor's stack ({@code ScriptEngine.EXECUTOR_STACK_BYTES}), deeper would not.
     */
    static final int MAX_DEPTH = 10_000;

    private JsContextFactory() {
    }

    /** A new context for one VM; it is entered and left around each run on the executor. */
    RunContext newContext() {
        return (RunContext) makeContext();
    }

    @Override
    protected Context makeContext() {
        RunContext cx = new RunContext(this);
        cx.setOptimizationLevel(-1);
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setMaximumInterpreterStackDepth(MAX_DEPTH);
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
