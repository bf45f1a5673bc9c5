package org.luaj.vm2.cinnabar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number to text and text to number exactly as Lua 5.1 on glibc does it ({@code %.14g}, {@code strtod}). */
public final class Lua51Numbers {

    private Lua51Numbers() {
    }

    /** {@code tostring(n)}: C's {@code printf("%.14g", n)}; infinities {@code inf}/{@code -inf}, NaN {@code nan}/{@code -nan} by sign bit. */
    public static String toString(double v) {
        if (v == (long) v && Math.abs(v) < 1e14) {
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) return "-0";
            return Long.toString((long) v);
        }
        return formatG(v, 14, false, false);
    }

    /**
     * C's {@code %.<precision>g} (with {@code alt} the {@code #} flag: keep trailing zeros);
     * {@code upper} for {@code %G}. No width, sign or padding handling.
     */
    public static String formatG(double v, int precision, boolean alt, boolean upper) {
        if (Double.isNaN(v)) {
            String s = (Double.doubleToRawLongBits(v) < 0) ? "-nan" : "nan";
            return upper ? s.toUpperCase() : s;
        }
        if (Double.isInfinite(v)) {
            String s = v < 0 ? "-inf" : "inf";
            return upper ? s.toUpperCase() : s;
        }
        if (precision == 0) precision = 1;
        boolean neg = v < 0 || (v == 0 && Double.doubleToRawLongBits(v) != 0);
        String digits;
        int exp;
        if (v == 0) {
            digits = "0".repeat(precision);
            exp = 0;
        } else {
            BigDecimal bd = new BigDecimal(Math.abs(v)).round(new MathContext(precision, RoundingMode.HALF_EVEN));
            BigInteger unscaled = bd.unscaledValue();
            String u = unscaled.toString();
            exp = u.length() - 1 - bd.scale();
            digits = u.length() < precision ? u + "0".repeat(precision - u.length()) : u.substring(0, precision);
        }
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        if (exp < -4 || exp >= precision) {
            String mant = digits.substring(1);
            if (!alt) mant = stripZeros(mant);
            sb.append(digits.charAt(0));
            if (!mant.isEmpty() || alt) sb.append('.').append(mant);
            sb.append(upper ? 'E' : 'e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) sb.append('0');
            sb.append(ae);
        } else if (exp >= 0) {
            String intPart = digits.substring(0, exp + 1);
            String frac = digits.substring(exp + 1);
            if (!alt) frac = stripZeros(frac);
            sb.append(intPart);
            if (!frac.isEmpty() || alt) sb.append('.').append(frac);
        } else {
            String frac = "0".repeat(-exp - 1) + digits;
            if (!alt) frac = stripZeros(frac);
            sb.append('0');
            if (!frac.isEmpty() || alt) sb.append('.').append(frac);
        }
        return sb.toString();
    }

    private static String stripZeros(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == '0') n--;
        return s.substring(0, n);
    }

    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * Lua 5.1's {@code luaO_str2d}: glibc {@code strtod} (decimal, hex floats, inf, nan), then a plain
     * hex integer if strtod stopped at an 'x', then only trailing white space. Returns null if not a number.
     */
    public static Double str2number(byte[] b, int off, int len) {
        int end = off + len;
        int[] stop = new int[1];
        double d = strtod(b, off, end, stop);
        if (stop[0] == off) return null;
        int e = stop[0];
        if (e < end && (b[e] == 'x' || b[e] == 'X')) {
            long[] r = strtoul(b, off, end, 16, stop);
            if (r == null) return null;
            d = unsignedToDouble(r[0]);
            e = stop[0];
        }
        while (e < end && isSpace(b[e] & 0xff)) e++;
        if (e != end) return null;
        return d;
    }

    static double unsignedToDouble(long u) {
        double d = (double) (u & 0x7fffffffffffffffL);
        if (u < 0) d += 0x1.0p63;
        return d;
    }

    /** C's strtoul: leading space, sign, optional 0x for base 16; returns {value} and stop index, or null if nothing parsed. */
    public static long[] strtoul(byte[] b, int off, int end, int base, int[] stop) {
        int i = off;
        while (i < end && isSpace(b[i] & 0xff)) i++;
        boolean neg = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            neg = b[i] == '-';
            i++;
        }
        if (base == 16 && i + 1 < end && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')
                && i + 2 < end && digit(b[i + 2], 16) >= 0) {
            i += 2;
        }
        int start = i;
        long v = 0;
        boolean overflow = false;
        while (i < end) {
            int dg = digit(b[i], base);
            if (dg < 0) break;
            long nv = v * base + dg;
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, base)) > 0 || Long.compareUnsigned(nv, v * base) < 0) {
                overflow = true;
            }
            v = nv;
            i++;
        }
        if (i == start) {
            stop[0] = off;
            return null;
        }
        stop[0] = i;
        if (overflow) return new long[] {-1L};
        return new long[] {neg ? -v : v};
    }

    static int digit(byte c, int base) {
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
        else return -1;
        return d < base ? d : -1;
    }

    /** glibc strtod over bytes [off,end): sets stop[0] to the index after the number (off if none). */
    static double strtod(byte[] b, int off, int end, int[] stop) {
        int i = off;
        while (i < end && isSpace(b[i] & 0xff)) i++;
        boolean neg = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            neg = b[i] == '-';
            i++;
        }
        // inf, infinity, nan, nan(chars)
        if (i < end && (b[i] == 'i' || b[i] == 'I' || b[i] == 'n' || b[i] == 'N')) {
            if (matchWord(b, i, end, "infinity")) {
                stop[0] = i + 8;
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (matchWord(b, i, end, "inf")) {
                stop[0] = i + 3;
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (matchWord(b, i, end, "nan")) {
                int j = i + 3;
                if (j < end && b[j] == '(') {
                    int k = j + 1;
                    while (k < end && (Character.isLetterOrDigit(b[k]) || b[k] == '_')) k++;
                    if (k < end && b[k] == ')') j = k + 1;
                }
                stop[0] = j;
                return neg ? Double.longBitsToDouble(0xfff8000000000000L) : Double.longBitsToDouble(0x7ff8000000000000L);
            }
            stop[0] = off;
            return 0;
        }
        if (i + 1 < end && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) {
            int j = i + 2;
            BigInteger mant = BigInteger.ZERO;
            int digits = 0, fracDigits = 0;
            boolean dot = false;
            while (j < end) {
                if (b[j] == '.' && !dot) {
                    dot = true;
                    j++;
                    continue;
                }
                int dg = digit(b[j], 16);
                if (dg < 0) break;
                mant = mant.shiftLeft(4).add(BigInteger.valueOf(dg));
                digits++;
                if (dot) fracDigits++;
                j++;
            }
            if (digits == 0) {
                // "0x" alone: strtod parses the "0"
                stop[0] = i + 1;
                return neg ? -0.0 : 0.0;
            }
            int exp = -4 * fracDigits;
            if (j < end && (b[j] == 'p' || b[j] == 'P')) {
                int k = j + 1;
                boolean eneg = false;
                if (k < end && (b[k] == '+' || b[k] == '-')) {
                    eneg = b[k] == '-';
                    k++;
                }
                if (k < end && b[k] >= '0' && b[k] <= '9') {
                    long ev = 0;
                    while (k < end && b[k] >= '0' && b[k] <= '9') {
                        if (ev < 100000) ev = ev * 10 + (b[k] - '0');
                        k++;
                    }
                    exp += (int) (eneg ? -ev : ev);
                    j = k;
                }
            }
            stop[0] = j;
            double d = new BigDecimal(mant).multiply(exp >= 0 ? new BigDecimal(BigInteger.TWO.pow(Math.min(exp, 5000)))
                    : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(Math.min(-exp, 5000))))).doubleValue();
            return neg ? -d : d;
        }
        int j = i;
        int digits = 0;
        while (j < end && b[j] >= '0' && b[j] <= '9') { j++; digits++; }
        if (j < end && b[j] == '.') {
            j++;
            while (j < end && b[j] >= '0' && b[j] <= '9') { j++; digits++; }
        }
        if (digits == 0) {
            stop[0] = off;
            return 0;
        }
        int mantEnd = j;
        if (j < end && (b[j] == 'e' || b[j] == 'E')) {
            int k = j + 1;
            if (k < end && (b[k] == '+' || b[k] == '-')) k++;
            if (k < end && b[k] >= '0' && b[k] <= '9') {
                while (k < end && b[k] >= '0' && b[k] <= '9') k++;
                j = k;
            }
        }
        stop[0] = j;
        String text = new String(b, i, j - i, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.startsWith(".")) text = "0" + text;
        if (mantEnd > i && b[mantEnd - 1] == '.') text = text.substring(0, mantEnd - 1 - i) + text.substring(mantEnd - i);
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            d = 0;
        }
        return neg ? -d : d;
    }

    private static boolean matchWord(byte[] b, int i, int end, String w) {
        if (end - i < w.length()) return false;
        for (int k = 0; k < w.length(); k++) {
            if (Character.toLowerCase((char) (b[i + k] & 0xff)) != w.charAt(k)) return false;
        }
        return true;
    }
}
