package dev.cinnabar.engine.lua.lib;

/**
 * The number conversions of C as Redis's x86-64 build performs them. Converting an out-of-range
 * double to an integer is undefined in C; on x86-64 {@code cvttsd2si} yields the "integer
 * indefinite" value (the most negative one), which Redis's libraries then use. Java saturates
 * instead, so every such cast in the libraries goes through here.
 */
final class CCasts {

    private static final double TWO_63 = 9223372036854775808.0;
    private static final double TWO_31 = 2147483648.0;

    private CCasts() {
    }

    /** {@code (int64_t) d}: truncation, or {@code INT64_MIN} when NaN or out of range. */
    static long toInt64(double d) {
        if (!(d > -TWO_63 - 2048 && d < TWO_63)) { // NaN fails both comparisons
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** {@code (int) d}: truncation, or {@code INT_MIN} when NaN or out of range. */
    static int toInt32(double d) {
        if (!(d > -TWO_31 - 1 && d < TWO_31)) {
            return Integer.MIN_VALUE;
        }
        return (int) d;
    }

    /**
     * {@code (uint64_t) d} (and {@code (size_t) d}) as GCC compiles it: below 2^63 (or NaN) a
     * signed conversion, otherwise a conversion of {@code d - 2^63} with the top bit flipped.
     */
    static long toUInt64(double d) {
        if (d >= TWO_63) {
            return toInt64(d - TWO_63) ^ Long.MIN_VALUE;
        }
        return toInt64(d);
    }

    /** {@code (double) u} for an unsigned 64-bit {@code u}, correctly rounded. */
    static double uint64ToDouble(long u) {
        if (u >= 0) {
            return (double) u;
        }
        // halve keeping the lost bit sticky, so the single rounding stays correct
        return ((double) ((u >>> 1) | (u & 1))) * 2.0;
    }
}
