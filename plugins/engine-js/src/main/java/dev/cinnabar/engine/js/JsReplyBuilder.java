package dev.cinnabar.engine.js;

import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the JavaScript value of a command's reply as the command writes it, shaped for the protocol
 * the script chose with {@code redis.setresp} (the rules of {@code docs/engines/js.md}): strings
 * byte-per-char, integers as numbers, nulls as {@code null}, arrays as arrays, a status as
 * {@code {ok}}, an error as an {@code Error} with {@code err}; under RESP2 maps and sets arrive flat,
 * doubles and big numbers as strings, booleans as 1/0; under RESP3 they become {@code {map}},
 * {@code {set}}, {@code {double}}, {@code {big_number}}, {@code {verbatim_string}} and booleans.
 * One instance per VM, reset for each call.
 */
final class JsReplyBuilder implements ReplySink {

    private enum Kind { ARRAY, MAP, SET, SKIP }

    /** An aggregate being filled. */
    private static final class Frame {
        Kind kind;
        Object[] items;
        Scriptable target;
        Object value;
        int remaining;
        int index;
        Object pendingKey;
        boolean keyPending;
    }

    private final RunState state;
    private final Scriptable scope;
    private final List<Frame> frames = new ArrayList<>();
    private int depth;
    private int protocol;
    private Object result;

    JsReplyBuilder(RunState state) {
        this.state = state;
        this.scope = state.scope;
    }

    JsReplyBuilder reset(int protocol) {
        this.protocol = protocol;
        this.depth = 0;
        this.result = null;
        return this;
    }

    /** The value once the reply is complete. */
    Object result() {
        return result;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    private Scriptable object() {
        return state.cx.newObject(scope);
    }

    private Scriptable wrapped(String field, Object value) {
        Scriptable o = object();
        ScriptableObject.putProperty(o, field, value);
        return o;
    }

    @Override
    public void simple(String text) {
        add(wrapped("ok", text));
    }

    @Override
    public void error(String text) {
        add(JsErrors.error(state.cx, scope, text, true));
    }

    @Override
    public void integer(long n) {
        add((double) n);
    }

    @Override
    public void bulk(byte[] bytes, int offset, int length) {
        add(JsStrings.text(bytes, offset, length));
    }

    @Override
    public void nullBulk() {
        add(null);
    }

    @Override
    public void nullArray() {
        add(null);
    }

    @Override
    public void array(int count) {
        Frame f = open(Kind.ARRAY, count);
        if (f != null) {
            f.items = new Object[count];
        } else {
            add(state.cx.newArray(scope, 0));
        }
    }

    @Override
    public void map(int count) {
        if (protocol != 3) {
            array(count * 2);
            return;
        }
        Scriptable inner = object();
        Frame f = open(Kind.MAP, count * 2);
        if (f != null) {
            f.target = inner;
            f.value = wrapped("map", inner);
        } else {
            add(wrapped("map", inner));
        }
    }

    @Override
    public void set(int count) {
        if (protocol != 3) {
            array(count);
            return;
        }
        Scriptable inner = object();
        Frame f = open(Kind.SET, count);
        if (f != null) {
            f.target = inner;
            f.value = wrapped("set", inner);
        } else {
            add(wrapped("set", inner));
        }
    }

    @Override
    public void push(int count) {
        array(count);
    }

    @Override
    public void attribute(int count) {
        // attributes are skipped: the reply that follows is the value
        if (count > 0) {
            open(Kind.SKIP, count * 2);
        }
    }

    @Override
    public void doubleValue(double value) {
        add(protocol == 3 ? wrapped("double", value) : Numbers.formatDouble(value));
    }

    @Override
    public void bool(boolean value) {
        add(protocol == 3 ? (Object) value : (Object) (value ? 1.0 : 0.0));
    }

    @Override
    public void bigNumber(String digits) {
        add(protocol == 3 ? wrapped("big_number", digits) : digits);
    }

    @Override
    public void verbatim(String format, byte[] text) {
        String s = JsStrings.text(text);
        if (protocol != 3) {
            add(s);
            return;
        }
        Scriptable inner = object();
        ScriptableObject.putProperty(inner, "format", format);
        ScriptableObject.putProperty(inner, "string", s);
        add(wrapped("verbatim_string", inner));
    }

    /** A frame for a non-empty aggregate, or null when it is empty (complete at once). */
    private Frame open(Kind kind, int count) {
        if (count == 0) {
            return null;
        }
        if (depth == frames.size()) {
            frames.add(new Frame());
        }
        Frame f = frames.get(depth++);
        f.kind = kind;
        f.items = null;
        f.target = null;
        f.value = null;
        f.remaining = count;
        f.index = 0;
        f.pendingKey = null;
        f.keyPending = false;
        return f;
    }

    private void add(Object v) {
        while (true) {
            if (depth == 0) {
                result = v;
                return;
            }
            Frame f = frames.get(depth - 1);
            switch (f.kind) {
                case ARRAY -> f.items[f.index++] = v;
                case MAP -> {
                    if (!f.keyPending) {
                        f.pendingKey = v;
                        f.keyPending = true;
                    } else {
                        ScriptableObject.putProperty(f.target, key(f.pendingKey), v);
                        f.keyPending = false;
                    }
                }
                case SET -> ScriptableObject.putProperty(f.target, key(v), Boolean.TRUE);
                case SKIP -> { }
            }
            if (--f.remaining > 0) {
                return;
            }
            depth--;
            switch (f.kind) {
                case ARRAY -> v = state.cx.newArray(scope, f.items);
                case MAP, SET -> v = f.value;
                case SKIP -> {
                    return;
                }
            }
            f.items = null;
            f.target = null;
            f.value = null;
        }
    }

    /** Property names are strings: a number key (RESP3 maps may have them) becomes its JavaScript text. */
    private static String key(Object k) {
        return k instanceof String s ? s : ScriptRuntime.toString(k);
    }
}
