package dev.cinnabar.engine.lua;

import dev.cinnabar.api.keyspace.Numbers;

/**
 * C's {@code %.17g}, as Redis formats numbers a script passes to {@code redis.call} and
 * {@code {double=}} replies. NaN keeps its sign as glibc prints it ({@code 0/0} computed on
 * x86-64 is a negative NaN, printed {@code -nan}).
 */
final class Numbers17g {

    private Numbers17g() {
    }

    static String format(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        return Numbers.formatDouble(d);
    }
}
