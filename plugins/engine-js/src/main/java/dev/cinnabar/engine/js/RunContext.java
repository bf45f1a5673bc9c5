package dev.cinnabar.engine.js;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.EvaluatorException;

/**
 * A VM's Rhino context with the poll of the run in progress. Once the poll said stop, every later
 * observation throws again and the observer fires on every instruction, so that nothing the script
 * does can swallow the end (the abort is an {@link Error}, which JavaScript cannot catch anyway).
 */
final class RunContext extends Context {

    /** Redis's text for a script past the heap bound (the Lua engine's wording). */
    static final String OUT_OF_MEMORY = "ERR not enough memory";

    /** The kill/timeout signal of a run: a non-null result is the error the run must end with. */
    interface Interruption {
        String poll();
    }

    private Interruption interruption;
    private ScriptAbort abort;

    RunContext(ContextFactory factory) {
        super(factory);
    }

    void begin(Interruption i) {
        interruption = i;
        abort = null;
        setInstructionObserverThreshold(JsContextFactory.POLL_INSTRUCTIONS);
    }

    void end() {
        interruption = null;
        if (abort != null && abort.text.equals(OUT_OF_MEMORY)) {
            dev.cinnabar.api.script.HeapBound.forget();
        }
        abort = null;
        setInstructionObserverThreshold(JsContextFactory.POLL_INSTRUCTIONS);
    }

    /** The observer: the kill signal, then the heap bound. Also called from long native loops (reply conversion). */
    void poll() {
        if (abort != null) {
            throw new ScriptAbort(abort.text, abort.source, abort.line);
        }
        Interruption i = interruption;
        if (i == null) {
            return;
        }
        String stop = i.poll();
        if (stop == null && JsContextFactory.HEAP.exceeded()) {
            stop = OUT_OF_MEMORY;
        }
        if (stop != null) {
            // where the script is: Rhino records the interpreter's position in every new RhinoException
            ErrorPosition at = ErrorPosition.of(new EvaluatorException(stop));
            abort = new ScriptAbort(stop, at == null ? null : at.source(), at == null ? -1 : at.line());
            setInstructionObserverThreshold(1);
            throw abort;
        }
    }
}
