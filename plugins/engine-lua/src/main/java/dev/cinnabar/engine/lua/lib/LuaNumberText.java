package dev.cinnabar.engine.lua.lib;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;

/**
 * Lua 5.1's conversions between numbers and strings as Redis's build does them: strings become
 * numbers through {@code luaO_str2d} (glibc {@code strtod}: decimal, hexadecimal, {@code inf},
 * {@code nan}, surrounding white space, the string ending at its first NUL) and numbers become
 * strings through {@code "%.14g"}. LuaJ's own conversions differ (no {@code inf}/{@code nan}, a
 * Java-style number format), so the libraries use these wherever the C code converts.
 */
final class LuaNumberText {

    private static final MathContext FOURTEEN = new MathContext(14, RoundingMode.HALF_EVEN);

    private LuaNumberText() {
    }

    /** The number a string converts to, or {@code null} when Lua 5.1 would not convert it. */
    static Double parse(LuaString s) {
        byte[] b = s.m_bytes;
        int end = s.m_offset + s.m_length;
        for (int k = s.m_offset; k < end; k++) {
            if (b[k] == 0) { // the C string ends here
                end = k;
                break;
            }
        }
        int[] stop = new int[1];
        double value = strtod(b, s.m_offset, end, stop);
        int p = stop[0];
        if (p == s.m_offset) {
            return null; // nothing converted
        }
        while (p < end && isSpace(b[p])) {
            p++;
        }
        return p == end ? value : null;
    }

    /** {@code "%.14g"} of {@code d}, as bytes. */
    static LuaString format(double d) {
        return LuaString.valueUsing(formatJava(d).getBytes(StandardCharsets.US_ASCII));
    }

    static String formatJava(double d) {
        if (Double.isNaN(d)) {
            // glibc prints the sign bit of a NaN
            return (Double.doubleToRawLongBits(d) < 0) ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d < 0 ? "-inf" : "inf";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        }
        BigDecimal r = new BigDecimal(d).round(FOURTEEN);
        // exponent of the leading digit after rounding
        int exp = r.precision() - r.scale() - 1;
        String digits = r.unscaledValue().abs().toString();
        // pad to 14 significant digits then strip trailing zeros (the %g rule)
        StringBuilder sig = new StringBuilder(digits);
        while (sig.length() < 14) {
            sig.append('0');
        }
        int last = sig.length();
        while (last > 1 && sig.charAt(last - 1) == '0') {
            last--;
        }
        sig.setLength(last);
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        if (exp < -4 || exp >= 14) {
            out.append(sig.charAt(0));
            if (sig.length() > 1) {
                out.append('.').append(sig, 1, sig.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                out.append('0');
            }
            out.append(a);
        } else if (exp >= 0) {
            if (sig.length() <= exp + 1) {
                out.append(sig);
                for (int k = sig.length(); k <= exp; k++) {
                    out.append('0');
                }
            } else {
                out.append(sig, 0, exp + 1).append('.').append(sig, exp + 1, sig.length());
            }
        } else {
            out.append("0.");
            for (int k = -1; k > exp; k--) {
                out.append('0');
            }
            out.append(sig);
        }
        return out.toString();
    }

    static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isAsciiAlnum(byte c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean matchIgnoreCase(byte[] b, int p, int end, String word) {
        if (end - p < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase((char) (b[p + k] & 0xff)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** glibc {@code strtod} in the C locale over {@code b[start, end)}; {@code stop[0]} = endptr. */
    private static double strtod(byte[] b, int start, int end, int[] stop) {
        int p = start;
        while (p < end && isSpace(b[p])) {
            p++;
        }
        boolean negative = false;
        if (p < end && (b[p] == '+' || b[p] == '-')) {
            negative = b[p] == '-';
            p++;
        }
        double v;
        if (matchIgnoreCase(b, p, end, "inf")) {
            p += matchIgnoreCase(b, p, end, "infinity") ? 8 : 3;
            v = Double.POSITIVE_INFINITY;
        } else if (matchIgnoreCase(b, p, end, "nan")) {
            p += 3;
            long bits = 0x7ff8000000000000L; // glibc's NAN
            if (p < end && b[p] == '(') {
                int q = p + 1;
                while (q < end && (isAsciiAlnum(b[q]) || b[q] == '_')) {
                    q++;
                }
                if (q < end && b[q] == ')') {
                    // "nan(n-char-sequence)": a number there becomes the payload
                    Long payload = strtoullBase0(b, p + 1, q);
                    if (payload != null) {
                        bits |= payload & 0x0007ffffffffffffL;
                    }
                    p = q + 1;
                }
            }
            stop[0] = p;
            return Double.longBitsToDouble(negative ? bits ^ Long.MIN_VALUE : bits);
        } else if (p + 1 < end && b[p] == '0' && (b[p + 1] == 'x' || b[p + 1] == 'X')
                && (hexValue(at(b, p + 2, end)) >= 0
                    || (at(b, p + 2, end) == '.' && hexValue(at(b, p + 3, end)) >= 0))) {
            int[] q = new int[] {p + 2};
            v = hexFloat(b, q, end);
            p = q[0];
        } else {
            int q = p;
            StringBuilder num = new StringBuilder();
            int digits = 0;
            while (q < end && isDigit(b[q])) {
                num.append((char) b[q++]);
                digits++;
            }
            if (q < end && b[q] == '.') {
                num.append('.');
                q++;
                while (q < end && isDigit(b[q])) {
                    num.append((char) b[q++]);
                    digits++;
                }
            }
            if (digits == 0) {
                stop[0] = start;
                return 0;
            }
            p = q;
            long exp = 0;
            if (p < end && (b[p] == 'e' || b[p] == 'E')) {
                int e = p + 1;
                boolean eneg = false;
                if (e < end && (b[e] == '+' || b[e] == '-')) {
                    eneg = b[e] == '-';
                    e++;
                }
                if (e < end && isDigit(b[e])) {
                    long limit = 100_000L + num.length();
                    while (e < end && isDigit(b[e])) {
                        exp = Math.min(limit, exp * 10 + (b[e] - '0'));
                        e++;
                    }
                    if (eneg) {
                        exp = -exp;
                    }
                    p = e;
                }
            }
            if (num.charAt(0) == '.') {
                num.insert(0, '0');
            }
            num.append('e').append(exp);
            v = Double.parseDouble(num.toString());
        }
        stop[0] = p;
        return negative ? -v : v;
    }

    /**
     * {@code strtoull(s, &end, 0)} over exactly {@code b[from, to)} (letters, digits and '_'
     * only): the value when the whole range is one number (saturating like strtoull), else null.
     */
    private static Long strtoullBase0(byte[] b, int from, int to) {
        int base = 10;
        int p = from;
        if (p < to && b[p] == '0') {
            if (p + 1 < to && (b[p + 1] == 'x' || b[p + 1] == 'X') && p + 2 < to && hexValue(b[p + 2]) >= 0) {
                base = 16;
                p += 2;
            } else {
                base = 8;
            }
        }
        if (p == to) {
            return null;
        }
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        java.math.BigInteger radix = java.math.BigInteger.valueOf(base);
        for (; p < to; p++) {
            int d = hexValue(b[p]);
            if (d < 0 || d >= base) {
                return null;
            }
            v = v.multiply(radix).add(java.math.BigInteger.valueOf(d));
        }
        return v.bitLength() > 64 ? -1L : v.longValue();
    }

    private static int at(byte[] b, int p, int end) {
        return p < end ? b[p] : -1;
    }

    /** Hexadecimal significand and optional binary exponent, {@code q[0]} just after "0x". */
    private static double hexFloat(byte[] b, int[] q, int end) {
        int p = q[0];
        StringBuilder mant = new StringBuilder("0x");
        int count = 0;
        while (p < end && hexValue(b[p]) >= 0) {
            mant.append((char) b[p++]);
            count++;
        }
        if (p < end && b[p] == '.') {
            p++;
            mant.append('.');
            while (p < end && hexValue(b[p]) >= 0) {
                mant.append((char) b[p++]);
                count++;
            }
        }
        if (mant.charAt(mant.length() - 1) == '.') {
            mant.append('0');
        }
        if (mant.charAt(2) == '.') {
            mant.insert(2, '0');
        }
        long exp = 0;
        if (p < end && (b[p] == 'p' || b[p] == 'P')) {
            int e = p + 1;
            boolean eneg = false;
            if (e < end && (b[e] == '+' || b[e] == '-')) {
                eneg = b[e] == '-';
                e++;
            }
            if (e < end && isDigit(b[e])) {
                long limit = 100_000L + 4L * count;
                while (e < end && isDigit(b[e])) {
                    exp = Math.min(limit, exp * 10 + (b[e] - '0'));
                    e++;
                }
                if (eneg) {
                    exp = -exp;
                }
                p = e;
            }
        }
        q[0] = p;
        mant.append('p').append(exp);
        return Double.parseDouble(mant.toString());
    }
}
