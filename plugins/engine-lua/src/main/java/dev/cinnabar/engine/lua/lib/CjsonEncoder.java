package dev.cinnabar.engine.lua.lib;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code cjson.encode}: lua-cjson 2.1.0's serialiser, byte for byte. Strings are copied as bytes
 * (bytes 0x80 and above pass through untouched), tables are walked without recursion, and the
 * nesting limit also counts the Lua C stack slots the C code would use, so the error appears at
 * the same depth as in Redis when the configured limit is very large.
 */
final class CjsonEncoder {

    private static final byte[][] ESCAPES = new byte[256][];

    static {
        for (int c = 0; c < 32; c++) {
            ESCAPES[c] = String.format("\\u%04x", c).getBytes(StandardCharsets.US_ASCII);
        }
        ESCAPES['\b'] = bytes("\\b");
        ESCAPES['\t'] = bytes("\\t");
        ESCAPES['\n'] = bytes("\\n");
        ESCAPES['\f'] = bytes("\\f");
        ESCAPES['\r'] = bytes("\\r");
        ESCAPES['"'] = bytes("\\\"");
        ESCAPES['/'] = bytes("\\/");
        ESCAPES['\\'] = bytes("\\\\");
        ESCAPES[127] = bytes("\\u007f");
    }

    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NAN = bytes("nan");

    /** One table being written: an array walked by index or an object walked with next(). */
    private static final class Frame {
        final LuaTable table;
        final int length;       // > 0 for an array, -1 for an object
        final int depth;
        final int slots;        // Lua stack slots in use while this table is on top
        int index = 1;
        LuaValue key = LuaValue.NIL;

        Frame(LuaTable table, int length, int depth, int slots) {
            this.table = table;
            this.length = length;
            this.depth = depth;
            this.slots = slots;
        }
    }

    private final CjsonConfig cfg;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private byte[] buf = new byte[64];
    private int len;

    private CjsonEncoder(CjsonConfig cfg) {
        this.cfg = cfg;
    }

    static LuaString encode(CjsonConfig cfg, LuaValue value) {
        CjsonEncoder encoder = new CjsonEncoder(cfg);
        encoder.run(value);
        return LuaString.valueOf(Arrays.copyOf(encoder.buf, encoder.len));
    }

    private void run(LuaValue root) {
        // the argument occupies one stack slot of the C function
        appendValue(root, 0, 1);
        while (!frames.isEmpty()) {
            Frame f = frames.peek();
            if (f.length > 0) {
                if (f.index > f.length) {
                    put((byte) ']');
                    frames.pop();
                    continue;
                }
                if (f.index > 1) {
                    put((byte) ',');
                }
                LuaValue element = f.table.rawget(f.index++);
                appendValue(element, f.depth, f.slots + 1);
            } else {
                boolean first = f.key.isnil();
                Varargs entry = f.table.next(f.key);
                LuaValue key = entry.arg1();
                if (key.isnil()) {
                    put((byte) '}');
                    frames.pop();
                    continue;
                }
                if (!first) {
                    put((byte) ',');
                }
                f.key = key;
                int type = key.type();
                if (type == LuaValue.TNUMBER) {
                    put((byte) '"');
                    appendNumber(key.todouble());
                    put((byte) '"');
                    put((byte) ':');
                } else if (type == LuaValue.TSTRING) {
                    appendString(key.checkstring());
                    put((byte) ':');
                } else {
                    throw exception(key, "table key must be a number or string");
                }
                appendValue(entry.arg(2), f.depth, f.slots + 2);
            }
        }
    }

    private void appendValue(LuaValue v, int parentDepth, int slots) {
        switch (v.type()) {
            case LuaValue.TSTRING -> appendString(v.checkstring());
            case LuaValue.TNUMBER -> appendNumber(v.todouble());
            case LuaValue.TBOOLEAN -> put(v.toboolean() ? TRUE : FALSE);
            case LuaValue.TNIL -> put(NULL);
            case LuaValue.TTABLE -> {
                int depth = parentDepth + 1;
                // json_check_encode_depth: the limit, and lua_checkstack(l, 3)
                if (depth > cfg.encodeMaxDepth || slots + 3 > CjsonConfig.MAX_C_STACK) {
                    throw new LuaError("Cannot serialise, excessive nesting (" + depth + ")");
                }
                LuaTable table = (LuaTable) v;
                int length = arrayLength(table);
                if (length > 0) {
                    put((byte) '[');
                    frames.push(new Frame(table, length, depth, slots));
                } else {
                    put((byte) '{');
                    frames.push(new Frame(table, -1, depth, slots));
                }
            }
            default -> {
                if (CjsonNull.isNull(v)) {
                    put(NULL);
                } else {
                    throw exception(v, "type not supported");
                }
            }
        }
    }

    /** lua_array_length: the array size, or -1 when the table must be written as an object. */
    private int arrayLength(LuaTable table) {
        int max = 0;
        int items = 0;
        LuaValue key = LuaValue.NIL;
        while (true) {
            key = table.next(key).arg1();
            if (key.isnil()) {
                break;
            }
            if (key.type() == LuaValue.TNUMBER) {
                double k = key.todouble();
                if (k != 0 && Math.floor(k) == k && k >= 1) {
                    if (k > max) {
                        max = CNumbers.doubleToInt(k);
                    }
                    items++;
                    continue;
                }
            }
            return -1;
        }
        if (cfg.encodeSparseRatio > 0 && max > items * cfg.encodeSparseRatio && max > cfg.encodeSparseSafe) {
            if (cfg.encodeSparseConvert == 0) {
                throw exception(table, "excessively sparse array");
            }
            return -1;
        }
        return max;
    }

    private void appendNumber(double num) {
        boolean invalid = Double.isNaN(num) || Double.isInfinite(num);
        if (cfg.encodeInvalidNumbers == CjsonConfig.INVALID_OFF) {
            if (invalid) {
                throw new LuaError("Cannot serialise number: must not be NaN or Inf");
            }
        } else if (cfg.encodeInvalidNumbers == CjsonConfig.INVALID_ON) {
            if (Double.isNaN(num)) {
                put(NAN);
                return;
            }
        } else if (invalid) {
            put(NULL);
            return;
        }
        put(CNumbers.formatGBytes(num, cfg.encodeNumberPrecision));
    }

    private void appendString(LuaString s) {
        byte[] bytes = s.m_bytes;
        int end = s.m_offset + s.m_length;
        ensure(s.m_length + 2);
        put((byte) '"');
        for (int i = s.m_offset; i < end; i++) {
            byte b = bytes[i];
            byte[] escape = ESCAPES[b & 0xff];
            if (escape != null) {
                put(escape);
            } else {
                put(b);
            }
        }
        put((byte) '"');
    }

    private static LuaError exception(LuaValue v, String reason) {
        return new LuaError("Cannot serialise " + v.typename() + ": " + reason);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) len + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new LuaError("not enough memory");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    private void put(byte b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
