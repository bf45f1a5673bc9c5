package dev.cinnabar.engine.js;

import dev.cinnabar.api.reply.ReplySink;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * Writes a script's result as a reply (the rules of {@code docs/engines/js.md}, modelled on Redis's
 * {@code luaReplyToRedisReply}): strings as bulk strings, numbers as integers (truncated as Lua's are),
 * {@code true} as 1 and {@code false}/{@code null}/{@code undefined} as null (booleans under RESP3
 * after {@code redis.setresp(3)}), arrays as arrays, and objects by their first marker field
 * ({@code err}, {@code ok}, {@code double}, {@code big_number}, {@code verbatim_string}, {@code map},
 * {@code set}); an {@code Error} without {@code err} is an {@code ERR} error with its message; any
 * other object is a map of its own enumerable properties.
 */
final class JsReplyWriter {

    /** Nesting beyond which the reply is this error instead (also how a cycle ends). */
    static final int MAX_DEPTH = 1000;
    private static final int POLL_EVERY = 4096;

    /** An error the whole reply is: written through the host, so that statistics can skip an inner command's error. */
    record TopLevelError(String text, boolean innerCommand) { }

    private final RunContext cx;
    private final int scriptProtocol;
    private int visited;

    JsReplyWriter(RunContext cx, int scriptProtocol) {
        this.cx = cx;
        this.scriptProtocol = scriptProtocol;
    }

    /** Whether {@code v} can be written without running JavaScript (so without recording first). */
    static boolean plain(Object v) {
        return !(v instanceof Scriptable);
    }

    /** The error {@code v} stands for when it is an error object, else null. */
    static TopLevelError topLevelError(Object v) {
        if (!(v instanceof Scriptable s) || v instanceof NativeArray) {
            return null;
        }
        Object err = ScriptableObject.getProperty(s, JsErrors.ERR);
        if (err instanceof CharSequence text) {
            return new TopLevelError(JsErrors.replyText(text.toString()),
                    Boolean.TRUE.equals(ScriptableObject.getProperty(s, JsErrors.IGNORE_STATS)));
        }
        if (hasNoMarker(s) && "Error".equals(s.getClassName())) {
            return new TopLevelError(errorText(s), false);
        }
        return null;
    }

    private static boolean hasNoMarker(Scriptable s) {
        for (String f : new String[] {"ok", "double", "big_number", "verbatim_string", "map", "set"}) {
            if (ScriptableObject.hasProperty(s, f)) {
                return false;
            }
        }
        return true;
    }

    /** {@code ERR <message>} of an {@code Error} thrown or returned by the script. */
    static String errorText(Scriptable error) {
        Object message = ScriptableObject.getProperty(error, "message");
        String text = message instanceof CharSequence m ? m.toString() : "";
        Object name = ScriptableObject.getProperty(error, "name");
        if (name instanceof CharSequence n && !"Error".contentEquals(n)) {
            text = n + ": " + text;
        }
        return JsErrors.normalise(JsErrors.replyText(text));
    }

    void write(Object v, ReplySink out) {
        write(v, out, 0);
    }

    private void write(Object v, ReplySink out, int depth) {
        if (++visited % POLL_EVERY == 0) {
            cx.poll();
        }
        if (v == null || v instanceof Undefined) {
            out.nullBulk();
        } else if (v instanceof CharSequence s) {
            out.bulk(JsStrings.bytes(s.toString()));
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            out.integer(((Number) v).longValue());
        } else if (v instanceof Number n) {
            out.integer(truncate(n.doubleValue()));
        } else if (v instanceof Boolean b) {
            if (scriptProtocol == 3) {
                out.bool(b);
            } else if (b) {
                out.integer(1);
            } else {
                out.nullBulk();
            }
        } else if (v instanceof Function) {
            out.nullBulk();
        } else if (v instanceof Scriptable s) {
            if (depth >= MAX_DEPTH) {
                out.error(JsErrors.NESTING);
                return;
            }
            writeObject(s, out, depth);
        } else {
            out.nullBulk(); // symbols and anything else without a Redis meaning
        }
    }

    private void writeObject(Scriptable s, ReplySink out, int depth) {
        if (s instanceof NativeArray a) {
            writeArray(a, out, depth);
            return;
        }
        Object f = ScriptableObject.getProperty(s, JsErrors.ERR);
        if (f instanceof CharSequence text) {
            out.error(JsErrors.replyText(text.toString()));
            return;
        }
        f = ScriptableObject.getProperty(s, "ok");
        if (f instanceof CharSequence text) {
            out.simple(JsErrors.replyText(text.toString()));
            return;
        }
        f = ScriptableObject.getProperty(s, "double");
        if (f instanceof Number d) {
            out.doubleValue(d.doubleValue());
            return;
        }
        f = ScriptableObject.getProperty(s, "big_number");
        if (f instanceof CharSequence digits) {
            out.bigNumber(JsErrors.replyText(digits.toString()));
            return;
        }
        f = ScriptableObject.getProperty(s, "verbatim_string");
        if (f instanceof Scriptable vs) {
            Object format = ScriptableObject.getProperty(vs, "format");
            Object string = ScriptableObject.getProperty(vs, "string");
            if (format instanceof CharSequence fmt && string instanceof CharSequence text) {
                String three = (JsErrors.replyText(fmt.toString()) + "   ").substring(0, 3);
                out.verbatim(three, JsStrings.bytes(text.toString()));
                return;
            }
        }
        f = ScriptableObject.getProperty(s, "map");
        if (f instanceof Scriptable m && !(f instanceof Function)) {
            writeMap(m, out, depth);
            return;
        }
        f = ScriptableObject.getProperty(s, "set");
        if (f instanceof Scriptable set && !(f instanceof Function)) {
            if (set instanceof NativeArray a) {
                long n = a.getLength();
                out.set((int) n);
                for (int i = 0; i < n; i++) {
                    write(element(a, i), out, depth + 1);
                }
            } else {
                Object[] ids = set.getIds();
                out.set(ids.length);
                for (Object id : ids) {
                    write(id.toString(), out, depth + 1);
                }
            }
            return;
        }
        if ("Error".equals(s.getClassName())) {
            out.error(errorText(s));
            return;
        }
        writeMap(s, out, depth);
    }

    private void writeArray(NativeArray a, ReplySink out, int depth) {
        long n = a.getLength();
        if (n > Integer.MAX_VALUE) {
            out.error("ERR array too long for a reply");
            return;
        }
        out.array((int) n);
        for (int i = 0; i < n; i++) {
            write(element(a, i), out, depth + 1);
        }
    }

    private static Object element(Scriptable a, int i) {
        Object e = ScriptableObject.getProperty(a, i);
        return e == Scriptable.NOT_FOUND ? null : e;
    }

    /** Own enumerable properties, in their order: key as a bulk string, then the value. */
    private void writeMap(Scriptable m, ReplySink out, int depth) {
        Object[] ids = m.getIds();
        out.map(ids.length);
        for (Object id : ids) {
            Object value = id instanceof Integer i ? ScriptableObject.getProperty(m, i) : ScriptableObject.getProperty(m, id.toString());
            write(id.toString(), out, depth + 1);
            write(value == Scriptable.NOT_FOUND ? null : value, out, depth + 1);
        }
    }

    /** C's {@code (long long)} conversion, as Redis applies it to Lua numbers: NaN and out-of-range values give LLONG_MIN. */
    static long truncate(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }
}
