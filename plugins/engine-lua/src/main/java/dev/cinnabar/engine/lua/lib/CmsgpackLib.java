package dev.cinnabar.engine.lua.lib;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code cmsgpack}: lua-cmsgpack 0.4.0 as Redis 7.0 bundles it, for Lua 5.1 on a 64-bit build.
 *
 * <p>Encoding: integral numbers that fit an {@code int64_t} take the smallest integer format,
 * other numbers float 32 when that is lossless, else float 64; strings take fixstr, str 8,
 * str 16 or str 32; a table whose keys are exactly 1..n is an array, any other a map in the
 * order of {@code next()} (LuaJ's order, which can differ from C Lua's); tables deeper than 16
 * levels, functions, threads and userdata encode as nil. Decoding turns every number into a Lua
 * number (a double) and rejects the formats Redis's version does not know (bin, ext, 0xc1).
 *
 * <p>Like the C code, encoding and decoding count the Lua stack slots the C functions would
 * use, so inputs that overflow Redis's 8000-slot C stack fail here with the same message.
 */
public final class CmsgpackLib {

    private static final int MAX_NESTING = 16;

    private static final String EOF_ERROR = "Missing bytes in input.";
    private static final String BADFMT_ERROR = "Bad data format in input.";

    private CmsgpackLib() {
    }

    /** The library table, with Redis's functions and metadata fields. */
    public static LuaTable create() {
        LuaTable t = new LuaTable();
        t.set("pack", new NamedFunction("pack", CmsgpackLib::pack));
        t.set("unpack", new NamedFunction("unpack", (n, a) -> unpackFull(n, a, 0, 0)));
        t.set("unpack_one", new NamedFunction("unpack_one", CmsgpackLib::unpackOne));
        t.set("unpack_limit", new NamedFunction("unpack_limit", CmsgpackLib::unpackLimit));
        t.set("_NAME", LuaValue.valueOf("cmsgpack"));
        t.set("_VERSION", LuaValue.valueOf("lua-cmsgpack 0.4.0"));
        t.set("_COPYRIGHT", LuaValue.valueOf("Copyright (C) 2012, Salvatore Sanfilippo"));
        t.set("_DESCRIPTION", LuaValue.valueOf("MessagePack C implementation for Lua"));
        return t;
    }

    // ------------------------------------------------------------------ encoding

    private static Varargs pack(String fname, Varargs args) {
        int nargs = args.narg();
        if (nargs == 0) {
            throw LuaArgs.argError(0, fname, "MessagePack pack needs input.");
        }
        // lua_checkstack(L, nargs) with nargs slots already in use
        if (nargs > LuaArgs.MAX_C_STACK || nargs + nargs > LuaArgs.MAX_C_STACK) {
            throw LuaArgs.argError(0, fname, "Too many arguments for MessagePack pack.");
        }
        ByteBuf buf = new ByteBuf(64);
        for (int i = 1; i <= nargs; i++) {
            // the arguments, then one packed string per argument done so far
            int top = nargs + (i - 1);
            LuaArgs.checkStack(top, 1, "in function mp_check");
            encode(buf, args.arg(i), 0, top + 1);
        }
        return buf.toLuaString();
    }

    /** Encodes {@code v}, which sits on top of a C stack of {@code top} slots. */
    private static void encode(ByteBuf buf, LuaValue v, int level, int top) {
        switch (v.type()) {
            case LuaValue.TSTRING:
                encodeBytes(buf, (LuaString) v.checkstring());
                break;
            case LuaValue.TBOOLEAN:
                buf.put(v.toboolean() ? 0xc3 : 0xc2);
                break;
            case LuaValue.TNUMBER:
                encodeNumber(buf, v.todouble());
                break;
            case LuaValue.TTABLE:
                if (level == MAX_NESTING) {
                    buf.put(0xc0);
                } else {
                    encodeTable(buf, (LuaTable) v, level, top);
                }
                break;
            default:
                buf.put(0xc0);
        }
    }

    private static void encodeBytes(ByteBuf buf, LuaString s) {
        int len = s.m_length;
        if (len < 32) {
            buf.put(0xa0 | len);
        } else if (len <= 0xff) {
            buf.put(0xd9);
            buf.put(len);
        } else if (len <= 0xffff) {
            buf.put(0xda);
            buf.putBigEndian(len, 2);
        } else {
            buf.put(0xdb);
            buf.putBigEndian(len, 4);
        }
        buf.put(s, len);
    }

    private static void encodeNumber(ByteBuf buf, double n) {
        // IS_INT64_EQUIVALENT: not infinite and (int64_t) n == n, with x86's cast
        if (!Double.isInfinite(n) && (double) CCasts.toInt64(n) == n) {
            encodeInt(buf, CCasts.toInt64(n));
        } else {
            encodeDouble(buf, n);
        }
    }

    private static void encodeDouble(ByteBuf buf, double d) {
        float f = (float) d;
        if (d == (double) f) {
            buf.put(0xca);
            buf.putBigEndian(Float.floatToRawIntBits(f), 4);
        } else {
            buf.put(0xcb);
            buf.putBigEndian(Double.doubleToRawLongBits(d), 8);
        }
    }

    private static void encodeInt(ByteBuf buf, long n) {
        if (n >= 0) {
            if (n <= 127) {
                buf.put((int) n);
            } else if (n <= 0xff) {
                buf.put(0xcc);
                buf.put((int) n);
            } else if (n <= 0xffff) {
                buf.put(0xcd);
                buf.putBigEndian(n, 2);
            } else if (n <= 0xffffffffL) {
                buf.put(0xce);
                buf.putBigEndian(n, 4);
            } else {
                buf.put(0xcf);
                buf.putBigEndian(n, 8);
            }
        } else {
            if (n >= -32) {
                buf.put((int) n);
            } else if (n >= -128) {
                buf.put(0xd0);
                buf.put((int) n);
            } else if (n >= -32768) {
                buf.put(0xd1);
                buf.putBigEndian(n, 2);
            } else if (n >= -2147483648L) {
                buf.put(0xd2);
                buf.putBigEndian(n, 4);
            } else {
                buf.put(0xd3);
                buf.putBigEndian(n, 8);
            }
        }
    }

    private static void encodeHeader(ByteBuf buf, long n, int fix, int code16, int code32) {
        if (n <= 15) {
            buf.put(fix | (int) n);
        } else if (n <= 65535) {
            buf.put(code16);
            buf.putBigEndian(n, 2);
        } else {
            buf.put(code32);
            buf.putBigEndian(n, 4);
        }
    }

    private static void encodeTable(ByteBuf buf, LuaTable t, int level, int top) {
        LuaArgs.checkStack(top, 2, "in function table_is_an_array");
        long count = arrayLength(t);
        if (count >= 0) {
            LuaArgs.checkStack(top, 1, "in function mp_encode_lua_table_as_array");
            encodeHeader(buf, count, 0x90, 0xdc, 0xdd);
            for (long j = 1; j <= count; j++) {
                encode(buf, t.rawget((int) j), level + 1, top + 1);
            }
        } else {
            LuaArgs.checkStack(top, 3, "in function mp_encode_lua_table_as_map");
            long len = 0;
            for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
                len++;
            }
            encodeHeader(buf, len, 0x80, 0xde, 0xdf);
            for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
                encode(buf, e.arg1(), level + 1, top + 3); // key, value and a copy of the key
                encode(buf, e.arg(2), level + 1, top + 2);
            }
        }
    }

    /**
     * {@code table_is_an_array}: the number of elements when the keys are exactly 1..n (n may be
     * 0), else -1. Keys count as indexes when they are numbers above 0 equal to their
     * {@code (int)} cast.
     */
    private static long arrayLength(LuaTable t) {
        int count = 0;
        int max = 0;
        for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
            LuaValue k = e.arg1();
            if (k.type() != LuaValue.TNUMBER) {
                return -1;
            }
            double n = k.todouble();
            if (n <= 0 || Double.isInfinite(n) || (double) CCasts.toInt32(n) != n) {
                return -1;
            }
            if (n > max) {
                max = (int) n;
            }
            count++;
        }
        return max == count ? count : -1;
    }

    // ------------------------------------------------------------------ decoding

    /** A cursor over the input plus the C stack height the decoder has reached. */
    private static final class Cursor {
        final byte[] b;
        int p;
        final int end;
        int top;
        String err;

        Cursor(byte[] b, int p, int end, int top) {
            this.b = b;
            this.p = p;
            this.end = end;
            this.top = top;
        }

        int left() {
            return end - p;
        }

        boolean need(long n) {
            if (left() < n) {
                err = EOF_ERROR;
                return false;
            }
            return true;
        }

        int u8(int at) {
            return b[p + at] & 0xff;
        }

        long be(int at, int n) {
            long v = 0;
            for (int k = 0; k < n; k++) {
                v = (v << 8) | u8(at + k);
            }
            return v;
        }
    }

    private static Varargs unpackOne(String fname, Varargs args) {
        long offset = LuaArgs.optInteger(args, 2, fname, 0);
        return unpackFull(fname, firstOnly(args), 1, offset);
    }

    private static Varargs unpackLimit(String fname, Varargs args) {
        long limit = LuaArgs.checkInteger(args, 2, fname);
        long offset = LuaArgs.optInteger(args, 3, fname, 0);
        return unpackFull(fname, firstOnly(args), limit, offset);
    }

    /** What {@code lua_pop(L, lua_gettop(L) - 1)} leaves: the first argument, if any. */
    private static Varargs firstOnly(Varargs args) {
        return args.narg() == 0 ? LuaValue.NONE : args.arg1();
    }

    private static Varargs unpackFull(String fname, Varargs args, long limit, long offset) {
        LuaString s = LuaArgs.checkLString(args, 1, fname);
        int len = s.m_length;
        boolean decodeAll = limit == 0 && offset == 0;
        if (offset < 0 || limit < 0) {
            // sic: the C code prints the input length where it says "limit"
            throw new LuaError("Invalid request to unpack with offset of " + (int) offset
                + " and limit of " + len + ".");
        } else if (offset > len) {
            throw new LuaError("Start offset " + (int) offset + " greater than input length " + len + ".");
        }
        if (decodeAll) {
            limit = Integer.MAX_VALUE;
        }
        Cursor c = new Cursor(s.m_bytes, s.m_offset + (int) offset, s.m_offset + len, 1);
        List<LuaValue> out = new ArrayList<>();
        int cnt;
        for (cnt = 0; c.left() > 0 && cnt < limit; cnt++) {
            LuaValue v = decode(c);
            if (c.err != null) {
                throw new LuaError(c.err);
            }
            out.add(v);
        }
        if (!decodeAll) {
            LuaArgs.checkStack(c.top, 1, "in function mp_unpack_full");
            out.add(0, LuaValue.valueOf(c.left() == 0 ? -1 : len - c.left()));
        }
        return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
    }

    /** A table being filled: an array or a map with {@code remaining} entries to go. */
    private static final class Frame {
        final LuaTable table = new LuaTable();
        final boolean map;
        long remaining;
        int index = 1;
        LuaValue key; // a map's key, decoded and waiting for its value

        Frame(boolean map, long remaining) {
            this.map = map;
            this.remaining = remaining;
        }
    }

    /**
     * Decodes one value (iteratively: nesting can go thousands deep). On a format error sets
     * {@code c.err} and returns null. On success the value counts as pushed: {@code c.top} is one
     * higher. The C stack is counted as the recursive C code uses it: a table under
     * construction holds one slot, plus the pending index of an array or key of a map.
     */
    private static LuaValue decode(Cursor c) {
        ArrayDeque<Frame> open = new ArrayDeque<>();
        while (true) {
            Object item = decodeItem(c);
            if (item == null) {
                return null;
            }
            LuaValue value;
            if (item instanceof Frame) {
                Frame f = (Frame) item;
                c.top++; // the new table
                if (!f.map) {
                    LuaArgs.checkStack(c.top, 1, "in function mp_decode_to_lua_array");
                }
                if (f.remaining > 0) {
                    open.push(f);
                    if (!f.map) {
                        c.top++; // the index of the first element
                    }
                    continue;
                }
                value = f.table;
            } else {
                value = (LuaValue) item;
                c.top++;
            }
            // hand the finished value to the tables waiting for it
            while (true) {
                Frame f = open.peek();
                if (f == null) {
                    return value;
                }
                if (f.map && f.key == null) {
                    f.key = value; // stays on the stack; the value comes next
                    break;
                }
                if (f.map) {
                    if (f.key.isnil()) {
                        throw new UnpositionedLuaError("table index is nil");
                    }
                    if (f.key.type() == LuaValue.TNUMBER && Double.isNaN(f.key.todouble())) {
                        throw new UnpositionedLuaError("table index is NaN");
                    }
                    f.table.rawset(f.key, value);
                    f.key = null;
                } else {
                    f.table.rawset(f.index++, value);
                }
                c.top -= 2;
                if (--f.remaining > 0) {
                    if (!f.map) {
                        c.top++; // the index of the next element
                    }
                    break;
                }
                open.pop();
                value = f.table; // its slot was counted when it was created
            }
        }
    }

    /** Reads one value or container header: a {@link LuaValue}, a {@link Frame}, or null on error. */
    private static Object decodeItem(Cursor c) {
        if (!c.need(1)) {
            return null;
        }
        LuaArgs.checkStack(c.top, 1,
            "too many return values at once; use unpack_one or unpack_limit instead.");
        int t = c.u8(0);
        LuaValue v;
        switch (t) {
            case 0xcc:
                if (!c.need(2)) return null;
                v = LuaValue.valueOf(c.u8(1));
                c.p += 2;
                return v;
            case 0xd0:
                if (!c.need(2)) return null;
                v = LuaValue.valueOf((byte) c.u8(1));
                c.p += 2;
                return v;
            case 0xcd:
                if (!c.need(3)) return null;
                v = LuaValue.valueOf((int) c.be(1, 2));
                c.p += 3;
                return v;
            case 0xd1:
                if (!c.need(3)) return null;
                v = LuaValue.valueOf((short) c.be(1, 2));
                c.p += 3;
                return v;
            case 0xce:
                if (!c.need(5)) return null;
                v = LuaValue.valueOf((double) c.be(1, 4));
                c.p += 5;
                return v;
            case 0xd2:
                if (!c.need(5)) return null;
                v = LuaValue.valueOf((int) c.be(1, 4));
                c.p += 5;
                return v;
            case 0xcf: // pushed through a signed lua_Integer, so 2^63 and up come out negative
            case 0xd3:
                if (!c.need(9)) return null;
                v = LuaValue.valueOf((double) c.be(1, 8));
                c.p += 9;
                return v;
            case 0xc0:
                c.p += 1;
                return LuaValue.NIL;
            case 0xc3:
                c.p += 1;
                return LuaValue.TRUE;
            case 0xc2:
                c.p += 1;
                return LuaValue.FALSE;
            case 0xca:
                if (!c.need(5)) return null;
                v = LuaValue.valueOf((double) Float.intBitsToFloat((int) c.be(1, 4)));
                c.p += 5;
                return v;
            case 0xcb:
                if (!c.need(9)) return null;
                v = LuaValue.valueOf(Double.longBitsToDouble(c.be(1, 8)));
                c.p += 9;
                return v;
            case 0xd9: {
                if (!c.need(2)) return null;
                int l = c.u8(1);
                if (!c.need(2L + l)) return null;
                v = LuaString.valueOf(c.b, c.p + 2, l);
                c.p += 2 + l;
                return v;
            }
            case 0xda: {
                if (!c.need(3)) return null;
                int l = (int) c.be(1, 2);
                if (!c.need(3L + l)) return null;
                v = LuaString.valueOf(c.b, c.p + 3, l);
                c.p += 3 + l;
                return v;
            }
            case 0xdb: {
                if (!c.need(5)) return null;
                long l = c.be(1, 4);
                c.p += 5;
                if (!c.need(l)) return null;
                v = LuaString.valueOf(c.b, c.p, (int) l);
                c.p += (int) l;
                return v;
            }
            case 0xdc:
                if (!c.need(3)) return null;
                return header(c, 3, false, c.be(1, 2));
            case 0xdd:
                if (!c.need(5)) return null;
                return header(c, 5, false, c.be(1, 4));
            case 0xde:
                if (!c.need(3)) return null;
                return header(c, 3, true, c.be(1, 2));
            case 0xdf:
                if (!c.need(5)) return null;
                return header(c, 5, true, c.be(1, 4));
            default:
                if ((t & 0x80) == 0) { // positive fixint
                    c.p += 1;
                    return LuaValue.valueOf(t);
                } else if ((t & 0xe0) == 0xe0) { // negative fixint
                    c.p += 1;
                    return LuaValue.valueOf((byte) t);
                } else if ((t & 0xe0) == 0xa0) { // fixstr
                    int l = t & 0x1f;
                    if (!c.need(1L + l)) return null;
                    v = LuaString.valueOf(c.b, c.p + 1, l);
                    c.p += 1 + l;
                    return v;
                } else if ((t & 0xf0) == 0x90) { // fixarray
                    return header(c, 1, false, t & 0xf);
                } else if ((t & 0xf0) == 0x80) { // fixmap
                    return header(c, 1, true, t & 0xf);
                }
                c.err = BADFMT_ERROR;
                return null;
        }
    }

    private static Frame header(Cursor c, int size, boolean map, long len) {
        c.p += size;
        return new Frame(map, len);
    }
}
