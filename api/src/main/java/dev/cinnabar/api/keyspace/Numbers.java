package dev.cinnabar.api.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * Redis's strict number parsing and formatting ({@code util.c}: {@code string2ll},
 * {@code ld2string}), shared by every plugin so that all commands accept and print numbers alike.
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * Whether {@code b[off..off+len)} is a 64-bit integer in canonical form: optional {@code -},
     * no leading zeros (except "0"), no {@code +}, no spaces, in range. This is {@code string2ll}.
     */
    public static boolean isCanonicalLong(byte[] b, int off, int len) {
        if (len == 0 || len > 20) {
            return false;
        }
        int i = off, end = off + len;
        boolean neg = false;
        if (b[i] == '-') {
            neg = true;
            i++;
            if (i == end) {
                return false;
            }
        }
        if (b[i] == '0') {
            return len == 1;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // accumulate negatively so Long.MIN_VALUE fits
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return neg || v != Long.MIN_VALUE;
    }

    /**
     * Parses a canonical 64-bit integer (see {@link #isCanonicalLong}); throws
     * {@link NumberFormatException} otherwise.
     */
    public static long parseLong(byte[] b) {
        return parseLong(b, 0, b.length);
    }

    /** As {@link #parseLong(byte[])} for a slice. */
    public static long parseLong(byte[] b, int off, int len) {
        if (!isCanonicalLong(b, off, len)) {
            throw new NumberFormatException();
        }
        int i = off, end = off + len;
        boolean neg = b[i] == '-';
        if (neg) {
            i++;
        }
        long v = 0;
        for (; i < end; i++) {
            v = v * 10 - (b[i] - '0');
        }
        return neg ? v : -v;
    }

    /**
     * Parses a double as Redis's {@code string2d}/{@code strtold} callers do: no leading or
     * trailing space, accepts {@code inf}, {@code +inf}, {@code -inf}, {@code infinity}
     * (any case), rejects {@code nan} and, like {@code strtod}'s ERANGE, values that overflow to
     * infinity or underflow to zero ({@code 1e400}, {@code 1e-400}). Throws {@link NumberFormatException}.
     */
    public static double parseDouble(byte[] b) {
        int n = b.length;
        if (n == 0 || n > 5000) {
            throw new NumberFormatException();
        }
        if (isSpace(b[0]) || isSpace(b[n - 1])) {
            throw new NumberFormatException();
        }
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String lower = s.toLowerCase();
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
                    || c == 'x' || c == 'X' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'p' || c == 'P';
            if (!ok) {
                throw new NumberFormatException();
            }
        }
        double d;
        if (lower.contains("x")) {
            d = parseHexDouble(s);
        } else {
            if (lower.indexOf('p') >= 0 || hasHexLetters(lower)) {
                throw new NumberFormatException();
            }
            d = Double.parseDouble(s);
        }
        if (Double.isNaN(d)) {
            throw new NumberFormatException();
        }
        // strtod's ERANGE: string2d refuses an overflow to infinity and an underflow to zero
        if (Double.isInfinite(d) || (d == 0 && hasNonZeroMantissaDigit(lower))) {
            throw new NumberFormatException();
        }
        return d;
    }

    private static boolean hasNonZeroMantissaDigit(String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == 'e' || c == 'p') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasHexLetters(String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'a' && c <= 'f' && c != 'e') {
                return true;
            }
        }
        return false;
    }

    private static double parseHexDouble(String s) {
        String t = s;
        if (t.toLowerCase().indexOf('p') < 0) {
            t = t + "p0";
        }
        return Double.parseDouble(t);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** The decimal bytes of {@code v}. */
    public static byte[] toBytes(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Formats a double the way Redis replies with one in RESP2 bulk form and RESP3 doubles
     * ({@code %.17g}, then the shortest form that round-trips, as {@code fpconv_dtoa}/
     * {@code d2string} do in 7.0): {@code inf}, {@code -inf}, integers without a fraction.
     */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            // %.17g prints integral values below 1e17 without exponent or fraction
            return d == 0 && 1 / d < 0 ? "-0" : Long.toString((long) d);
        }
        return String17g.format(d);
    }

    /**
     * Formats {@code d} as Redis's {@code ld2string(..., LD_STR_HUMAN)} does for
     * {@code INCRBYFLOAT}: {@code "%.17Lf"} (17 digits after the point, not 17 significant
     * digits), trailing zeros and point removed, {@code -0} as {@code 0}. Commands that add in
     * long double must use {@link LongDouble} for the arithmetic too, or results like
     * {@code 0.1 + 0.2} differ from Redis.
     */
    public static String formatHuman(double d) {
        return LongDouble.of(d).toHumanString();
    }

    /** Redis's {@code bytesToHuman}: {@code 1023B}, {@code 1.00K}, {@code 31.00M}, ... as INFO prints sizes. */
    public static String humanBytes(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double d = n;
        int u = -1;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.2f%s", d, units[u]);
    }
}
