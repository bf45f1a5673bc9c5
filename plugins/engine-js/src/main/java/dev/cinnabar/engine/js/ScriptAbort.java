package dev.cinnabar.engine.js;

/**
 * Ends a run from the instruction observer: killed, timed out or past the heap bound. An
 * {@link Error}, not an exception, because Rhino's interpreter lets JavaScript {@code catch} and
 * {@code finally} see only exceptions: an {@code Error} unwinds every frame without running either.
 */
final class ScriptAbort extends Error {

    private static final long serialVersionUID = 1L;

    /** The reply's error text, with its code. */
    final String text;
    /** Where the script was, or null. */
    final String source;
    final int line;

    ScriptAbort(String text, String source, int line) {
        super(text, null, false, false);
        this.text = text;
        this.source = source;
        this.line = line;
    }
}
