package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Numbers;

/** Score parsing with the two sets of rules {@code t_zset.c} uses. */
final class Scores {

    private Scores() {
    }

    /**
     * A score argument of ZADD, ZINCRBY, WEIGHTS: Redis's {@code string2d}, which refuses what
     * overflows to infinity or underflows to zero, besides what {@link Numbers#parseDouble} refuses.
     */
    static double parse(byte[] arg, String errorText) {
        double quick = plainInteger(arg);
        if (!Double.isNaN(quick)) {
            return quick;
        }
        double d;
        try {
            d = Numbers.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw new CommandException(errorText);
        }
        if (Double.isInfinite(d) && !mentionsInfinity(arg)) {
            throw new CommandException(errorText);
        }
        if (d == 0 && hasNonZeroMantissa(arg)) {
            throw new CommandException(errorText);
        }
        return d;
    }

    /**
     * The value of up to 15 decimal digits with an optional minus (exact as a double, so strtod
     * would give the same), or NaN for anything else: the common score needs no String.
     */
    private static double plainInteger(byte[] arg) {
        int n = arg.length;
        int i = n > 0 && arg[0] == '-' ? 1 : 0;
        if (n == i || n - i > 15) {
            return Double.NaN;
        }
        long v = 0;
        for (int k = i; k < n; k++) {
            int digit = arg[k] - '0';
            if (digit < 0 || digit > 9) {
                return Double.NaN;
            }
            v = v * 10 + digit;
        }
        return i == 1 ? -(double) v : (double) v;
    }

    static double parse(byte[] arg) {
        return parse(arg, Errors.NOT_FLOAT);
    }

    private static boolean mentionsInfinity(byte[] arg) {
        for (byte b : arg) {
            if (b == 'i' || b == 'I') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNonZeroMantissa(byte[] arg) {
        boolean hex = false;
        for (int i = 0; i < arg.length; i++) {
            int c = arg[i];
            if (c == 'x' || c == 'X') {
                hex = true;
                continue;
            }
            if (!hex && (c == 'e' || c == 'E')) {
                return false;
            }
            if (hex && (c == 'p' || c == 'P')) {
                return false;
            }
            if ((c >= '1' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A range bound after its {@code (}: plain {@code strtod} as {@code zslParseRange} calls it,
     * so leading spaces pass, an empty text is 0 and overflow is infinity. Throws
     * {@link NumberFormatException}.
     */
    static double parseBound(byte[] arg, int offset) {
        int end = arg.length;
        for (int i = offset; i < arg.length; i++) {
            if (arg[i] == 0) {
                end = i; // C sees the string end at a NUL byte
                break;
            }
        }
        if (end == offset) {
            return 0; // strtod of "" converts nothing and stops at the terminator: Redis accepts it as 0
        }
        int start = offset;
        while (start < end && isSpace(arg[start])) {
            start++;
        }
        if (start == end) {
            throw new NumberFormatException();
        }
        byte[] text = java.util.Arrays.copyOfRange(arg, start, end);
        return Numbers.parseDouble(text);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
