package dev.cinnabar.engine.js;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * Error texts and error values. A Redis error inside JavaScript is an {@code Error} object whose
 * {@code err} property holds the reply text with its code ({@code "ERR ..."}, {@code "WRONGTYPE ..."}):
 * {@code e.message} reads naturally, and returning or throwing it replies with that error, as a Lua
 * {@code {err=...}} table does.
 */
final class JsErrors {

    static final String ERR = "err";
    /** Marks the reply error of a command the script ran: counted already (Redis's {@code ignore_error_stats_update}). */
    static final String IGNORE_STATS = "ignore_error_stats_update";

    static final String COMPILE = "ERR Error compiling script (new function): ";
    static final String COMPILE_FUNCTION = "ERR Error compiling function: ";
    static final String REGISTER = "ERR Error registering functions: ";
    static final String BAD_ARGUMENTS = "JS redis lib command arguments must be strings or numbers";
    static final String NO_ARGUMENTS = "Please specify at least one argument for this redis lib call";
    static final String NOT_DURING_LOAD = "redis.call and redis.pcall are not available while a library loads";
    static final String REGISTER_OUTSIDE_LOAD = "redis.registerFunction can only be called on FUNCTION LOAD command";
    static final String STACK_OVERFLOW = "ERR stack overflow";
    static final String NESTING = "ERR reply nesting too deep (or a cycle)";

    private JsErrors() {
    }

    /**
     * A Java exception out of Rhino, never a script's error: a string past Java's length limit
     * ({@code NegativeArraySizeException} when a rope of 2^31 chars is flattened), a wrapped host
     * exception. Its text is not shown: it could name host classes.
     */
    static String internal(RuntimeException e) {
        Throwable t = e instanceof org.mozilla.javascript.WrappedException w ? w.getWrappedException() : e;
        return t instanceof NegativeArraySizeException || t instanceof IndexOutOfBoundsException
                ? "ERR string too long" : "ERR internal error in the js engine (" + t.getClass().getSimpleName() + ")";
    }

    /** An {@code Error} carrying a Redis error text. */
    static Scriptable error(Context cx, Scriptable scope, String text, boolean innerCommand) {
        Scriptable e = cx.newObject(scope, "Error", new Object[] {text});
        ScriptableObject.putProperty(e, ERR, text);
        if (innerCommand) {
            ((ScriptableObject) e).defineProperty(IGNORE_STATS, Boolean.TRUE, ScriptableObject.DONTENUM);
        }
        return e;
    }

    /** Throws a Redis error into the script (catchable with {@code try}). */
    static JavaScriptException raise(Context cx, Scriptable scope, String msg) {
        return new JavaScriptException(error(cx, scope, normalise(msg), false), null, 0);
    }

    /** A text that already starts with an upper-case error code ({@code READONLY ...}) keeps it; others get {@code ERR}. */
    static String withCode(String msg) {
        int space = msg.indexOf(' ');
        for (int i = 0; i < space; i++) {
            char c = msg.charAt(i);
            if (c < 'A' || c > 'Z') {
                return normalise(msg);
            }
        }
        return space > 0 ? msg : normalise(msg);
    }

    /** {@link dev.cinnabar.api.script.ScriptErrors#normalise}: Redis's {@code luaPushErrorBuff}. */
    static String normalise(String text) {
        return dev.cinnabar.api.script.ScriptErrors.normalise(text);
    }

    /** Redis formats these texts with {@code %s}, which stops at a NUL; a reply line cannot hold CR or LF. */
    static String replyText(String s) {
        int nul = s.indexOf('\0');
        String t = nul < 0 ? s : s.substring(0, nul);
        return t.indexOf('\r') >= 0 || t.indexOf('\n') >= 0 ? t.replace('\r', ' ').replace('\n', ' ') : t;
    }
}
