package dev.cinnabar.engine.lua.exec;

/**
 * Ends a Lua run from the inside: thrown by the interrupt poll when the run is killed (the caller's kill check
 * returned a text) or the heap is nearly exhausted. An {@link Error}, not a {@code LuaError} nor an
 * {@code Exception}, so that {@code pcall}, {@code xpcall} and LuaJ's interpreter do not catch it; coroutines do
 * (LuaJ catches every {@code Throwable} on a coroutine's thread), which is why the abort is sticky: once a run is
 * aborted every later poll of that run throws it again, and resuming a coroutine rethrows it at once.
 *
 * <p>{@link #getMessage()} is the text exactly as given ({@code ERR Script killed by user with SCRIPT KILL...} for
 * a kill, {@code not enough memory} for the heap bound); {@link #source()} and {@link #line()} tell where the Lua
 * code was when the abort happened ({@code user_script}, 3), or {@code null} / -1 when unknown.
 */
public final class ScriptAbort extends Error {
    private static final long serialVersionUID = 1L;

    /** Why the run was aborted. */
    public enum Reason {
        /** the kill check supplied to {@link ExecutionControl#run} returned a text */
        KILLED,
        /** the heap bound of {@link ExecutionLimits} was reached or the JVM ran out of memory */
        MEMORY
    }

    private final Reason reason;
    private final String source;
    private final int line;

    public ScriptAbort(Reason reason, String text, String source, int line) {
        super(text, null, false, false);
        this.reason = reason;
        this.source = source;
        this.line = line;
    }

    public Reason reason() {
        return reason;
    }

    /** the chunk name of the Lua function that was running ({@code user_script}), or null */
    public String source() {
        return source;
    }

    /** the Lua line that was running, or -1 */
    public int line() {
        return line;
    }

    /** {@code source:line: text} when the position is known, else the text: how Lua would word it as an error */
    public String luaMessage() {
        return source != null && line >= 0 ? source + ":" + line + ": " + getMessage() : getMessage();
    }

    ScriptAbort at(String newSource, int newLine) {
        return new ScriptAbort(reason, getMessage(), newSource, newLine);
    }
}
