package dev.cinnabar.api.command;

import dev.cinnabar.api.keyspace.LongDouble;
import dev.cinnabar.api.keyspace.Numbers;

/**
 * The timeout argument of the blocking commands, parsed as Redis 7.0's
 * {@code getTimeoutFromObjectOrReply(..., UNIT_SECONDS)}: a float number of seconds, converted
 * to milliseconds by truncation, where 0 means forever.
 */
public final class BlockingTimeout {

    public static final String NOT_FLOAT = "ERR timeout is not a float or out of range";
    public static final String NEGATIVE = "ERR timeout is negative";

    /** Beyond this, C's conversion of the product to {@code long long} is undefined; on x86-64 it yields LLONG_MIN. */
    private static final double LONG_RANGE = 9.223372036854775807E18;

    private BlockingTimeout() {
    }

    /**
     * The timeout in milliseconds (0 = block forever) or the Redis error. Matches Redis's quirks:
     * {@code -0.0001} truncates to 0 (forever), and {@code inf} or anything whose milliseconds
     * overflow 64 bits becomes LLONG_MIN and so "timeout is negative".
     */
    public static long parseMillis(byte[] arg) {
        if (LongDouble.parse(arg) == null) {
            throw new CommandException(NOT_FLOAT);
        }
        double seconds;
        try {
            seconds = Numbers.parseDouble(arg);
        } catch (NumberFormatException e) {
            seconds = Double.POSITIVE_INFINITY; // in long double range but not in double's: overflows anyway
        }
        double millis = seconds * 1000.0;
        if (!(millis > -LONG_RANGE && millis < LONG_RANGE)) {
            throw new CommandException(NEGATIVE);
        }
        long ms = (long) millis;
        if (ms < 0) {
            throw new CommandException(NEGATIVE);
        }
        return ms;
    }
}
