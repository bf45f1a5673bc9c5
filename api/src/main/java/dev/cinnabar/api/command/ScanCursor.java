package dev.cinnabar.api.command;

/**
 * The SCAN cursor as Redis parses it ({@code parseScanCursorOrReply}): C's {@code strtoul} in base
 * 10 over the C string, so an optional sign is accepted ({@code -1} wraps to 2^64-1), parsing ends
 * at a NUL byte, an empty cursor is 0, and a leading space, trailing junk or a magnitude above
 * 2^64-1 is {@code ERR invalid cursor}. The value is an unsigned 64-bit number held in a long.
 * Shared by SCAN, HSCAN, SSCAN and ZSCAN.
 */
public final class ScanCursor {

    private ScanCursor() {
    }

    /** Parses a cursor argument; throws {@code ERR invalid cursor}. */
    public static long parse(byte[] arg) {
        int end = 0;
        while (end < arg.length && arg[end] != 0) {
            end++;
        }
        if (end > 0 && isSpace(arg[0])) {
            throw invalid();
        }
        int i = 0;
        boolean negative = false;
        if (i < end && (arg[i] == '+' || arg[i] == '-')) {
            negative = arg[i] == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        for (; i < end && arg[i] >= '0' && arg[i] <= '9'; i++) {
            int d = arg[i] - '0';
            // value * 10 + d must stay within 64 unsigned bits
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0
                    || (value == Long.divideUnsigned(-1L, 10) && d > Long.remainderUnsigned(-1L, 10))) {
                overflow = true;
            }
            value = value * 10 + d;
        }
        if (i == digitsStart) {
            // no digits: strtoul leaves the end pointer at the very start
            if (end == 0) {
                return 0;
            }
            throw invalid();
        }
        if (i != end || overflow) {
            throw invalid();
        }
        return negative ? -value : value;
    }

    /** The cursor as Redis prints it: unsigned decimal. */
    public static String format(long cursor) {
        return Long.toUnsignedString(cursor);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static CommandException invalid() {
        return new CommandException(Errors.INVALID_CURSOR);
    }
}
