package com.example.cell;

/**
 * The generic cell rate algorithm as redis-cell computes it (brandur/redis-cell,
 * {@code RateLimiter::rate_limit}), on plain numbers so that it can be tested without a clock.
 * All times are nanoseconds.
 *
 * <p>The state of a limiter is one number, the theoretical arrival time (TAT): when the bucket
 * would be empty again if requests kept coming at exactly the allowed rate. A request of
 * {@code quantity} moves the TAT by {@code quantity * emissionInterval}; it is allowed if the new
 * TAT is no further ahead of now than the delay variation tolerance (the burst).
 */
final class Gcra {

    /** What one CL.THROTTLE call decided and what to store. */
    record Decision(boolean limited, long limit, long remaining, long retryAfterNanos, long resetAfterNanos,
                    long newTat, long ttlNanos) {

        /** The 5 integers of the reply: seconds rounded up as redis-cell does, -1 for "not applicable". */
        long[] reply() {
            return new long[] {limited ? 1 : 0, limit, remaining, seconds(retryAfterNanos), seconds(resetAfterNanos)};
        }
    }

    private Gcra() {
    }

    /** Time between two requests at the allowed rate; 0 for a zero rate, which callers refuse. */
    static long emissionInterval(long countPerPeriod, long periodSeconds) {
        long periodNanos = saturatingMultiply(periodSeconds, 1_000_000_000L);
        if (countPerPeriod == 0 || periodNanos == 0) {
            return 0;
        }
        // redis-cell divides as floating point and truncates
        return (long) ((double) periodNanos / (double) countPerPeriod);
    }

    /**
     * One decision.
     *
     * @param storedTat the TAT in the key, or -1 when the key is missing
     * @param now       the current time
     * @param emission  {@link #emissionInterval}, not 0
     */
    static Decision decide(long storedTat, long now, long maxBurst, long emission, long quantity) {
        long limit = maxBurst + 1;
        long tolerance = saturatingMultiply(emission, limit);
        long increment = saturatingMultiply(emission, quantity);
        long tat = storedTat == -1 ? now : storedTat;
        long newTat = (now > tat ? now : tat) + increment;
        long allowAt = newTat - tolerance;
        long diff = now - allowAt;

        boolean limited;
        long retryAfter = -1_000_000_000L;
        long ttl;
        if (diff < 0) {
            if (increment <= tolerance) {
                retryAfter = -diff;
            }
            limited = true;
            ttl = tat - now;
            newTat = -1;
        } else {
            limited = false;
            ttl = newTat - now;
        }
        long next = tolerance - ttl;
        long remaining = 0;
        if (next > -emission) {
            // microseconds, as floating point, truncated: redis-cell's arithmetic exactly
            remaining = (long) ((double) (next / 1000) / (double) (emission / 1000));
        }
        return new Decision(limited, limit, remaining, retryAfter, ttl, newTat, ttl);
    }

    /** Whole seconds, plus one if there are milliseconds left over (redis-cell rounds up so callers don't retry early). */
    static long seconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        long subMillis = (nanos % 1_000_000_000L) / 1_000_000L;
        return subMillis > 0 ? s + 1 : s;
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
}
