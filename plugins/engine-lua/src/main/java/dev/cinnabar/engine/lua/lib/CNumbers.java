package dev.cinnabar.engine.lua.lib;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The C library's number conversions as Redis's Lua sees them (glibc, "C" locale, x86-64):
 * {@code printf("%.Ng")}, {@code strtod}, Lua 5.1's string-to-number rule and the truncating
 * double-to-integer casts. Everything works on bytes: the inputs are Lua strings.
 */
final class CNumbers {

    private CNumbers() {
    }

    /** Result of {@link #strtod}: the value and the index just past the last byte used. */
    record Parsed(double value, int end) {
    }

    /** {@code snprintf("%.<precision>g", v)}, as glibc prints it (ties to even on the exact binary value). */
    static String formatG(double v, int precision) {
        boolean negative = (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
        String sign = negative ? "-" : "";
        if (Double.isNaN(v)) {
            return sign + "nan";
        }
        if (Double.isInfinite(v)) {
            return sign + "inf";
        }
        if (v == 0) {
            return sign + "0";
        }
        int p = precision == 0 ? 1 : precision;
        BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= p) {
            String digits = stripZeros(rounded.unscaledValue().toString());
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int absExp = Math.abs(exponent);
            if (absExp < 10) {
                sb.append('0');
            }
            return sb.append(absExp).toString();
        }
        BigDecimal plain = rounded.stripTrailingZeros();
        if (plain.scale() < 0) {
            plain = plain.setScale(0);
        }
        return sign + plain.toPlainString();
    }

    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    /** {@link #formatG} as ASCII bytes. */
    static byte[] formatGBytes(double v, int precision) {
        return formatG(v, precision).getBytes(StandardCharsets.US_ASCII);
    }

    /** The byte at {@code i}, or 0 past the end: C strings end with a NUL. */
    static int at(byte[] s, int len, int i) {
        return i < len ? s[i] & 0xff : 0;
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        if (lower >= 'a' && lower <= 'f') {
            return 10 + lower - 'a';
        }
        return -1;
    }

    /** C's {@code isspace} in the "C" locale. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean matchesIgnoreCase(byte[] s, int len, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((at(s, len, i + k) | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * glibc's {@code strtod} on {@code s[start..len)} (a NUL ends the string early): leading white
     * space, a sign, then a decimal or hexadecimal number, "inf", "infinity", "nan" or "nan(...)".
     * The end index equals {@code start} when nothing could be converted.
     */
    static Parsed strtod(byte[] s, int len, int start) {
        int i = start;
        while (isSpace(at(s, len, i))) {
            i++;
        }
        boolean negative = false;
        int c = at(s, len, i);
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        Parsed unsigned = strtodUnsigned(s, len, i);
        if (unsigned == null) {
            return new Parsed(0, start);
        }
        return new Parsed(negative ? -unsigned.value : unsigned.value, unsigned.end);
    }

    private static Parsed strtodUnsigned(byte[] s, int len, int i) {
        int c = at(s, len, i);
        if ((c | 0x20) == 'i') {
            if (matchesIgnoreCase(s, len, i, "infinity")) {
                return new Parsed(Double.POSITIVE_INFINITY, i + 8);
            }
            if (matchesIgnoreCase(s, len, i, "inf")) {
                return new Parsed(Double.POSITIVE_INFINITY, i + 3);
            }
            return null;
        }
        if ((c | 0x20) == 'n') {
            if (!matchesIgnoreCase(s, len, i, "nan")) {
                return null;
            }
            int end = i + 3;
            if (at(s, len, end) == '(') {
                int k = end + 1;
                int ch;
                while (isDigit(ch = at(s, len, k)) || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch == '_') {
                    k++;
                }
                if (at(s, len, k) == ')') {
                    end = k + 1;
                }
            }
            return new Parsed(Double.NaN, end);
        }
        if (c == '0' && (at(s, len, i + 1) | 0x20) == 'x') {
            Parsed hex = hexNumber(s, len, i + 2);
            // "0x" without hex digits: only the "0" converts
            return hex != null ? hex : new Parsed(0, i + 1);
        }
        return decimalNumber(s, len, i);
    }

    private static Parsed decimalNumber(byte[] s, int len, int i) {
        StringBuilder mantissa = new StringBuilder();
        int k = i;
        int digits = 0;
        while (isDigit(at(s, len, k))) {
            mantissa.append((char) at(s, len, k++));
            digits++;
        }
        if (at(s, len, k) == '.') {
            int afterPoint = k + 1;
            StringBuilder fraction = new StringBuilder();
            while (isDigit(at(s, len, afterPoint))) {
                fraction.append((char) at(s, len, afterPoint++));
            }
            if (digits > 0 || fraction.length() > 0) {
                mantissa.append('.').append(fraction);
                digits += fraction.length();
                k = afterPoint;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (mantissa.charAt(0) == '.') {
            mantissa.insert(0, '0');
        }
        if (mantissa.charAt(mantissa.length() - 1) == '.') {
            mantissa.append('0');
        }
        long exponent = 0;
        int expSign = 1;
        int e = at(s, len, k);
        if ((e | 0x20) == 'e') {
            int m = k + 1;
            int sc = at(s, len, m);
            if (sc == '+' || sc == '-') {
                expSign = sc == '-' ? -1 : 1;
                m++;
            }
            if (isDigit(at(s, len, m))) {
                while (isDigit(at(s, len, m))) {
                    exponent = Math.min(exponent * 10 + (at(s, len, m) - '0'), 1_000_000_000L);
                    m++;
                }
                k = m;
            }
        }
        double value = Double.parseDouble(mantissa + "e" + (expSign * exponent));
        return new Parsed(value, k);
    }

    private static Parsed hexNumber(byte[] s, int len, int i) {
        StringBuilder mantissa = new StringBuilder("0x");
        int k = i;
        int digits = 0;
        while (hexValue(at(s, len, k)) >= 0) {
            mantissa.append((char) at(s, len, k++));
            digits++;
        }
        if (at(s, len, k) == '.') {
            int afterPoint = k + 1;
            StringBuilder fraction = new StringBuilder();
            while (hexValue(at(s, len, afterPoint)) >= 0) {
                fraction.append((char) at(s, len, afterPoint++));
            }
            if (digits > 0 || fraction.length() > 0) {
                mantissa.append('.').append(fraction);
                digits += fraction.length();
                k = afterPoint;
            }
        }
        if (digits == 0) {
            return null;
        }
        long exponent = 0;
        int expSign = 1;
        if ((at(s, len, k) | 0x20) == 'p') {
            int m = k + 1;
            int sc = at(s, len, m);
            if (sc == '+' || sc == '-') {
                expSign = sc == '-' ? -1 : 1;
                m++;
            }
            if (isDigit(at(s, len, m))) {
                while (isDigit(at(s, len, m))) {
                    exponent = Math.min(exponent * 10 + (at(s, len, m) - '0'), 1_000_000_000L);
                    m++;
                }
                k = m;
            }
        }
        double value = Double.parseDouble(mantissa + "p" + (expSign * exponent));
        return new Parsed(value, k);
    }

    /**
     * Lua 5.1's {@code luaO_str2d}: the whole string (up to a NUL) must be a number, white space
     * around it allowed. Returns null when it is not one.
     */
    static Double str2number(byte[] s, int len) {
        Parsed p = strtod(s, len, 0);
        if (p.end == 0) {
            return null;
        }
        int i = p.end;
        while (isSpace(at(s, len, i))) {
            i++;
        }
        return at(s, len, i) == 0 ? p.value : null;
    }

    /** x86-64 {@code cvttsd2si} to a 32-bit int: truncation, and INT_MIN when out of range or NaN. */
    static int doubleToInt(double d) {
        if (Double.isNaN(d) || d >= 2147483648.0 || d <= -2147483649.0) {
            return Integer.MIN_VALUE;
        }
        return (int) d;
    }

    /** x86-64 {@code cvttsd2si} to a 64-bit integer: truncation, and LONG_MIN when out of range or NaN. */
    static long doubleToLong(double d) {
        if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }
}
