package dev.cinnabar.engine.lua;

import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;

/**
 * Builds the Lua value of a command's reply as the command writes it (Redis's
 * {@code redisProtocolToLuaType}), shaped for the protocol the script chose with
 * {@code redis.setresp}: under RESP2 maps and sets arrive flat, doubles and big numbers as
 * strings, booleans as 1/0 and nulls as {@code false}; under RESP3 they become
 * {@code {map=}}, {@code {set=}}, {@code {double=}}, {@code {big_number=}}, booleans and nil.
 * One instance per VM, reset for each call.
 */
final class LuaReplyBuilder implements ReplySink {

    private static final LuaValue OK = LuaValue.valueOf("ok");
    private static final LuaValue MAP = LuaValue.valueOf("map");
    private static final LuaValue SET = LuaValue.valueOf("set");
    private static final LuaValue DOUBLE = LuaValue.valueOf("double");
    private static final LuaValue BIG_NUMBER = LuaValue.valueOf("big_number");
    private static final LuaValue VERBATIM = LuaValue.valueOf("verbatim_string");
    private static final LuaValue FORMAT = LuaValue.valueOf("format");
    private static final LuaValue STRING = LuaValue.valueOf("string");

    private enum Kind { ARRAY, MAP, SET, SKIP }

    /** An aggregate being filled: {@code target} receives elements, {@code remaining} counts down. */
    private static final class Frame {
        Kind kind;
        LuaTable target;
        LuaValue value;
        int remaining;
        int index;
        LuaValue pendingKey;
    }

    private final Frame[] frames = new Frame[64];
    private Frame[] deep;
    private int depth;
    private int protocol;
    private LuaValue result;

    LuaReplyBuilder() {
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new Frame();
        }
    }

    LuaReplyBuilder reset(int protocol) {
        this.protocol = protocol;
        this.depth = 0;
        this.result = LuaValue.NIL;
        return this;
    }

    /** The value once the reply is complete. */
    LuaValue result() {
        return result;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void simple(String text) {
        LuaTable t = new LuaTable();
        t.rawset(OK, Bytes.lua(text));
        add(t);
    }

    @Override
    public void error(String text) {
        add(RedisErrors.commandError(text));
    }

    @Override
    public void integer(long n) {
        add(LuaValue.valueOf((double) n));
    }

    @Override
    public void bulk(byte[] bytes, int offset, int length) {
        add(LuaString.valueOf(bytes, offset, length));
    }

    @Override
    public void nullBulk() {
        add(protocol == 3 ? LuaValue.NIL : LuaValue.FALSE);
    }

    @Override
    public void nullArray() {
        add(protocol == 3 ? LuaValue.NIL : LuaValue.FALSE);
    }

    @Override
    public void array(int count) {
        LuaTable t = new LuaTable(count, 0);
        open(Kind.ARRAY, t, t, count);
    }

    @Override
    public void map(int count) {
        if (protocol != 3) {
            array(count * 2);
            return;
        }
        LuaTable inner = new LuaTable(0, count);
        LuaTable outer = new LuaTable();
        outer.rawset(MAP, inner);
        open(Kind.MAP, inner, outer, count * 2);
    }

    @Override
    public void set(int count) {
        if (protocol != 3) {
            array(count);
            return;
        }
        LuaTable inner = new LuaTable(0, count);
        LuaTable outer = new LuaTable();
        outer.rawset(SET, inner);
        open(Kind.SET, inner, outer, count);
    }

    @Override
    public void push(int count) {
        array(count);
    }

    @Override
    public void attribute(int count) {
        // attributes are skipped: the reply that follows is the value
        if (count > 0) {
            open(Kind.SKIP, null, null, count * 2);
        }
    }

    @Override
    public void doubleValue(double value) {
        if (protocol != 3) {
            add(LuaString.valueOf(Numbers.formatDouble(value).getBytes(StandardCharsets.US_ASCII)));
            return;
        }
        LuaTable t = new LuaTable();
        t.rawset(DOUBLE, LuaValue.valueOf(value));
        add(t);
    }

    @Override
    public void bool(boolean value) {
        if (protocol != 3) {
            add(LuaValue.valueOf(value ? 1 : 0));
            return;
        }
        add(LuaValue.valueOf(value));
    }

    @Override
    public void bigNumber(String digits) {
        if (protocol != 3) {
            add(Bytes.lua(digits));
            return;
        }
        LuaTable t = new LuaTable();
        t.rawset(BIG_NUMBER, Bytes.lua(digits));
        add(t);
    }

    @Override
    public void verbatim(String format, byte[] text) {
        if (protocol != 3) {
            add(LuaString.valueOf(text));
            return;
        }
        LuaTable inner = new LuaTable();
        inner.rawset(FORMAT, Bytes.lua(format));
        inner.rawset(STRING, LuaString.valueOf(text));
        LuaTable t = new LuaTable();
        t.rawset(VERBATIM, inner);
        add(t);
    }

    private void open(Kind kind, LuaTable target, LuaValue value, int count) {
        if (count == 0) {
            if (kind != Kind.SKIP) {
                add(value);
            }
            return;
        }
        Frame f = frame(depth++);
        f.kind = kind;
        f.target = target;
        f.value = value;
        f.remaining = count;
        f.index = 0;
        f.pendingKey = null;
    }

    private Frame frame(int i) {
        if (i < frames.length) {
            return frames[i];
        }
        int j = i - frames.length;
        if (deep == null || j >= deep.length) {
            Frame[] grown = new Frame[Math.max(16, j * 2 + 1)];
            if (deep != null) {
                System.arraycopy(deep, 0, grown, 0, deep.length);
            }
            for (int k = deep == null ? 0 : deep.length; k < grown.length; k++) {
                grown[k] = new Frame();
            }
            deep = grown;
        }
        return deep[j];
    }

    private void add(LuaValue v) {
        while (true) {
            if (depth == 0) {
                result = v;
                return;
            }
            Frame f = frame(depth - 1);
            switch (f.kind) {
                case ARRAY -> f.target.rawset(++f.index, v);
                case MAP -> {
                    if (f.pendingKey == null) {
                        f.pendingKey = v;
                    } else {
                        if (!f.pendingKey.isnil()) {
                            f.target.rawset(f.pendingKey, v);
                        }
                        f.pendingKey = null;
                    }
                }
                case SET -> {
                    if (!v.isnil()) {
                        f.target.rawset(v, LuaValue.TRUE);
                    }
                }
                case SKIP -> { }
            }
            if (--f.remaining > 0) {
                return;
            }
            depth--;
            if (f.kind == Kind.SKIP) {
                return;
            }
            v = f.value;
        }
    }
}
