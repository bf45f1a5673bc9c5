package dev.cinnabar.engine.lua.lib;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code bit}: LuaBitOp 1.0.2 as Redis 7.0 bundles it. Numbers become 32-bit integers with the
 * library's own trick (add 2^52+2^51 and take the low word of the double, which rounds halves to
 * even and wraps modulo 2^32), results come back as signed 32-bit numbers.
 */
public final class BitLib {

    /** 2^52 + 2^51. */
    private static final double NORMALIZER = 6755399441055744.0;

    private static final byte[] LOWER = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private BitLib() {
    }

    /** The library table, with the twelve functions of Redis's {@code bit}. */
    public static LuaTable create() {
        LuaTable t = new LuaTable();
        t.set("tobit", new NamedFunction("tobit", (n, a) -> ret(barg(a, 1, n))));
        t.set("bnot", new NamedFunction("bnot", (n, a) -> ret(~barg(a, 1, n))));
        t.set("band", new NamedFunction("band", (n, a) -> fold(a, n, '&')));
        t.set("bor", new NamedFunction("bor", (n, a) -> fold(a, n, '|')));
        t.set("bxor", new NamedFunction("bxor", (n, a) -> fold(a, n, '^')));
        t.set("lshift", new NamedFunction("lshift", (n, a) -> shift(a, n, 'l')));
        t.set("rshift", new NamedFunction("rshift", (n, a) -> shift(a, n, 'r')));
        t.set("arshift", new NamedFunction("arshift", (n, a) -> shift(a, n, 'a')));
        t.set("rol", new NamedFunction("rol", (n, a) -> shift(a, n, '<')));
        t.set("ror", new NamedFunction("ror", (n, a) -> shift(a, n, '>')));
        t.set("bswap", new NamedFunction("bswap", (n, a) -> ret(Integer.reverseBytes(barg(a, 1, n)))));
        t.set("tohex", new NamedFunction("tohex", BitLib::tohex));
        return t;
    }

    /** The 32 bits of a number as LuaBitOp's {@code barg} computes them. */
    static int tobit(double n) {
        return (int) Double.doubleToRawLongBits(n + NORMALIZER);
    }

    private static int barg(Varargs args, int i, String fname) {
        double n = LuaArgs.toNumber(args.arg(i));
        int b = tobit(n);
        if (b == 0 && !LuaArgs.isNumber(args.arg(i))) {
            throw LuaArgs.typeError(args, i, fname, "number");
        }
        return b;
    }

    private static LuaValue ret(int b) {
        return LuaValue.valueOf(b);
    }

    private static Varargs fold(Varargs args, String fname, char op) {
        int b = barg(args, 1, fname);
        // the C code reads the arguments from the last one down to the second
        for (int i = args.narg(); i > 1; i--) {
            int x = barg(args, i, fname);
            b = op == '&' ? b & x : op == '|' ? b | x : b ^ x;
        }
        return ret(b);
    }

    private static Varargs shift(Varargs args, String fname, char op) {
        int b = barg(args, 1, fname);
        int n = barg(args, 2, fname) & 31;
        switch (op) {
            case 'l':
                return ret(b << n);
            case 'r':
                return ret(b >>> n);
            case 'a':
                return ret(b >> n);
            case '<':
                return ret(Integer.rotateLeft(b, n));
            default:
                return ret(Integer.rotateRight(b, n));
        }
    }

    private static Varargs tohex(String fname, Varargs args) {
        int b = barg(args, 1, fname);
        int n = args.narg() < 2 ? 8 : barg(args, 2, fname);
        byte[] digits = LOWER;
        if (n < 0) {
            n = -n;
            digits = UPPER;
        }
        // -INT_MIN overflows; Redis's build then behaves as if n were more than 8
        if (n > 8 || n < 0) {
            n = 8;
        }
        byte[] out = new byte[n];
        for (int i = n; --i >= 0; ) {
            out[i] = digits[b & 15];
            b >>>= 4;
        }
        return LuaString.valueUsing(out);
    }
}
