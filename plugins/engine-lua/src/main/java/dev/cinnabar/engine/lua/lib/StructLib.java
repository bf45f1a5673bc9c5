package dev.cinnabar.engine.lua.lib;

import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code struct}: Roberto Ierusalimschy's struct library (struct.c 1.7) as Redis 7.0 bundles it,
 * with Redis's hardening (size overflow, offset and stack checks), on the data model of Redis's
 * x86-64 build: little endian, {@code short} 2, {@code int} 4, {@code long} and {@code size_t} 8
 * bytes, maximum alignment 8.
 */
public final class StructLib {

    private static final int MAXINTSIZE = 32;
    private static final int MAXALIGN = 8;
    private static final int SIZEOF_INT = 4;

    private StructLib() {
    }

    /** The library table: {@code pack}, {@code unpack} and {@code size}. */
    public static LuaTable create() {
        LuaTable t = new LuaTable();
        t.set("pack", new NamedFunction("pack", StructLib::pack));
        t.set("unpack", new NamedFunction("unpack", StructLib::unpack));
        t.set("size", new NamedFunction("size", StructLib::size));
        return t;
    }

    /** The format string as C sees it: up to its first NUL. */
    private static final class Fmt {
        final byte[] b;
        int p;
        final int end;
        boolean little = true; // native order of x86-64
        int align = 1;

        Fmt(LuaString s) {
            b = s.m_bytes;
            p = s.m_offset;
            int e = s.m_offset + s.m_length;
            for (int k = p; k < e; k++) {
                if (b[k] == 0) {
                    e = k;
                    break;
                }
            }
            end = e;
        }

        boolean more() {
            return p < end;
        }

        int next() {
            return b[p++]; // C's char is signed on x86-64
        }

        boolean digitHere() {
            return p < end && b[p] >= '0' && b[p] <= '9';
        }
    }

    private static int getnum(Fmt f, int df) {
        if (!f.digitHere()) {
            return df;
        }
        int a = 0;
        do {
            int d = f.b[f.p] - '0';
            if (a > Integer.MAX_VALUE / 10 || a * 10 > Integer.MAX_VALUE - d) {
                throw new LuaError("integral size overflow");
            }
            a = a * 10 + d;
            f.p++;
        } while (f.digitHere());
        return a;
    }

    private static long optsize(int opt, Fmt f) {
        switch (opt) {
            case 'B': case 'b': case 'x':
                return 1;
            case 'H': case 'h':
                return 2;
            case 'L': case 'l': case 'T': case 'd':
                return 8;
            case 'f':
                return 4;
            case 'c':
                return getnum(f, 1);
            case 'i': case 'I': {
                int sz = getnum(f, SIZEOF_INT);
                if (sz > MAXINTSIZE) {
                    throw new LuaError("integral size " + sz + " is larger than limit of " + MAXINTSIZE);
                }
                return sz;
            }
            default:
                return 0;
        }
    }

    private static long gettoalign(long len, Fmt f, int opt, long size) {
        if (size == 0 || opt == 'c') {
            return 0;
        }
        if (size > f.align) {
            size = f.align;
        }
        return (size - (len & (size - 1))) & (size - 1);
    }

    private static boolean isp2(int x) {
        return x > 0 && (x & (x - 1)) == 0;
    }

    private static void controloptions(int opt, Fmt f, String fname) {
        switch (opt) {
            case ' ':
                return;
            case '>':
                f.little = false;
                return;
            case '<':
                f.little = true;
                return;
            case '!': {
                int a = getnum(f, MAXALIGN);
                if (!isp2(a)) {
                    throw new LuaError("alignment " + a + " is not a power of 2");
                }
                f.align = a;
                return;
            }
            default:
                if (opt >= 0) {
                    throw LuaArgs.argError(1, fname, "invalid format option '" + (char) opt + "'");
                }
                // a byte above 0x7f: keep it a byte in the message
                byte[] head = ("bad argument #1 to '" + fname + "' (invalid format option '")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] msg = java.util.Arrays.copyOf(head, head.length + 3);
                msg[head.length] = (byte) opt;
                msg[head.length + 1] = '\'';
                msg[head.length + 2] = ')';
                throw new ByteMessageLuaError(LuaString.valueUsing(msg));
        }
    }

    private static boolean isIntegral(int opt) {
        switch (opt) {
            case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I':
                return true;
            default:
                return false;
        }
    }

    private static void putBytes(ByteBuf out, long value, int size, boolean little) {
        byte[] buff = new byte[size];
        if (little) {
            for (int i = 0; i < size; i++) {
                buff[i] = (byte) value;
                value >>>= 8;
            }
        } else {
            for (int i = size - 1; i >= 0; i--) {
                buff[i] = (byte) value;
                value >>>= 8;
            }
        }
        out.put(buff, 0, size);
    }

    private static Varargs pack(String fname, Varargs given) {
        // b_pack pushes a nil after its arguments: a missing argument reads as that nil
        LuaValue[] slots = new LuaValue[given.narg() + 1];
        for (int i = 0; i < given.narg(); i++) {
            slots[i] = given.arg(i + 1);
        }
        slots[given.narg()] = LuaValue.NIL;
        Varargs args = LuaValue.varargsOf(slots);

        Fmt f = new Fmt(LuaArgs.checkLString(given, 1, fname));
        int arg = 2;
        long totalsize = 0;
        ByteBuf out = new ByteBuf(16);
        while (f.more()) {
            int opt = f.next();
            long size = optsize(opt, f);
            long toalign = gettoalign(totalsize, f, opt, size);
            totalsize += toalign;
            while (toalign-- > 0) {
                out.put(0);
            }
            if (isIntegral(opt)) {
                double n = LuaArgs.checkNumber(args, arg++, fname);
                long value = n < 0 ? CCasts.toInt64(n) : CCasts.toUInt64(n);
                putBytes(out, value, (int) size, f.little);
            } else {
                switch (opt) {
                    case 'x':
                        out.put(0);
                        break;
                    case 'f': {
                        float x = (float) LuaArgs.checkNumber(args, arg++, fname);
                        putBytes(out, Float.floatToRawIntBits(x) & 0xffffffffL, 4, f.little);
                        break;
                    }
                    case 'd': {
                        double x = LuaArgs.checkNumber(args, arg++, fname);
                        putBytes(out, Double.doubleToRawLongBits(x), 8, f.little);
                        break;
                    }
                    case 'c': case 's': {
                        LuaString s = LuaArgs.checkLString(args, arg++, fname);
                        long l = s.m_length;
                        if (size == 0) {
                            size = l;
                        }
                        if (l < size) {
                            // the C code reports the argument after the string
                            throw LuaArgs.argError(arg, fname, "string too short");
                        }
                        out.put(s, (int) size);
                        if (opt == 's') {
                            out.put(0);
                            size++;
                        }
                        break;
                    }
                    default:
                        controloptions(opt, f, fname);
                }
            }
            totalsize += size;
        }
        return out.toLuaString();
    }

    private static double getinteger(byte[] b, int at, boolean little, boolean signed, int size) {
        long l = 0;
        if (!little) {
            for (int i = 0; i < size; i++) {
                l <<= 8;
                l |= b[at + i] & 0xff;
            }
        } else {
            for (int i = size - 1; i >= 0; i--) {
                l <<= 8;
                l |= b[at + i] & 0xff;
            }
        }
        if (!signed) {
            return CCasts.uint64ToDouble(l);
        }
        // shift counts past 63 wrap in Java exactly as x86's shl does in Redis's build
        long mask = -1L << (size * 8 - 1);
        if ((l & mask) != 0) {
            l |= mask;
        }
        return (double) l;
    }

    private static long readBits(byte[] b, int at, int size, boolean little) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int k = little ? size - 1 - i : i;
            v = (v << 8) | (b[at + k] & 0xff);
        }
        return v;
    }

    /** {@code a <= b} for C's {@code size_t}. */
    private static boolean ule(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    private static Varargs unpack(String fname, Varargs args) {
        Fmt f = new Fmt(LuaArgs.checkLString(args, 1, fname));
        LuaString dataString = LuaArgs.checkLString(args, 2, fname);
        long ld = dataString.m_length;
        byte[] data = dataString.m_bytes;
        int base = dataString.m_offset;
        long pos = LuaArgs.optInteger(args, 3, fname, 1);
        if (pos == 0) { // pos is a size_t: only 0 fails "pos > 0"
            throw LuaArgs.argError(3, fname, "offset must be 1 or greater");
        }
        pos--;
        List<LuaValue> results = new ArrayList<>();
        int stackBase = args.narg();
        while (f.more()) {
            int opt = f.next();
            long size = optsize(opt, f);
            pos += gettoalign(pos, f, opt, size);
            if (!(ule(size, ld) && ule(pos, ld - size))) {
                throw LuaArgs.argError(2, fname, "data string too short");
            }
            LuaArgs.checkStack(stackBase + results.size(), 2, "too many results");
            if (isIntegral(opt)) {
                boolean signed = opt >= 'a' && opt <= 'z';
                results.add(LuaValue.valueOf(getinteger(data, base + (int) pos, f.little, signed, (int) size)));
            } else {
                switch (opt) {
                    case 'x':
                        break;
                    case 'f': {
                        int bits = (int) readBits(data, base + (int) pos, 4, f.little);
                        results.add(LuaValue.valueOf((double) Float.intBitsToFloat(bits)));
                        break;
                    }
                    case 'd': {
                        long bits = readBits(data, base + (int) pos, 8, f.little);
                        results.add(LuaValue.valueOf(Double.longBitsToDouble(bits)));
                        break;
                    }
                    case 'c': {
                        if (size == 0) {
                            if (results.isEmpty() || !LuaArgs.isNumber(results.get(results.size() - 1))) {
                                throw new LuaError("format 'c0' needs a previous size");
                            }
                            size = CCasts.toUInt64(LuaArgs.toNumber(results.remove(results.size() - 1)));
                            if (!(ule(size, ld) && ule(pos, ld - size))) {
                                throw LuaArgs.argError(2, fname, "data string too short");
                            }
                        }
                        results.add(LuaString.valueOf(data, base + (int) pos, (int) size));
                        break;
                    }
                    case 's': {
                        int from = base + (int) pos;
                        int to = base + (int) ld;
                        int zero = -1;
                        for (int k = from; k < to; k++) {
                            if (data[k] == 0) {
                                zero = k;
                                break;
                            }
                        }
                        if (zero < 0) {
                            throw new LuaError("unfinished string in data");
                        }
                        size = zero - from + 1L;
                        results.add(LuaString.valueOf(data, from, zero - from));
                        break;
                    }
                    default:
                        controloptions(opt, f, fname);
                }
            }
            pos += size;
        }
        results.add(LuaValue.valueOf((double) (pos + 1)));
        return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
    }

    private static boolean isAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static Varargs size(String fname, Varargs args) {
        Fmt f = new Fmt(LuaArgs.checkLString(args, 1, fname));
        long pos = 0;
        while (f.more()) {
            int opt = f.next();
            long size = optsize(opt, f);
            pos += gettoalign(pos, f, opt, size);
            if (opt == 's') {
                throw LuaArgs.argError(1, fname, "option 's' has no fixed size");
            } else if (opt == 'c' && size == 0) {
                throw LuaArgs.argError(1, fname, "option 'c0' has no fixed size");
            }
            if (!isAlnum(opt)) {
                controloptions(opt, f, fname);
            }
            pos += size;
        }
        return LuaValue.valueOf((double) pos);
    }
}
