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
