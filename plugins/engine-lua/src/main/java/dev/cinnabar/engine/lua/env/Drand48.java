package dev.cinnabar.engine.lua.env;

/**
 * The drand48-style generator behind Redis's {@code math.random} (redisLrand48): 48-bit state,
 * {@code X = (0x5DEECE66D * X + 0xB) mod 2^48}, 31-bit outputs. One process-wide state shared by
 * every VM, never reset per script or by SCRIPT FLUSH (as in Redis 7.0).
 */
public final class Drand48 {

    private static final long MASK = (1L << 48) - 1;
    private static final long INITIAL = 0x1234ABCD330EL;

    private static long x = INITIAL;

    private Drand48() {
    }

    /** Next 31-bit value (0 .. 2^31-1). */
    public static synchronized long next() {
        x = (0x5DEECE66DL * x + 0xBL) & MASK;
        return x >>> 17;
    }

    /** redisSrand48: {@code X = (seed << 16) | 0x330E} with the seed as a 32-bit value. */
    public static synchronized void seed(int seed) {
        x = (((long) seed & 0xffffffffL) << 16) | 0x330EL;
    }

    /** Back to the process-start state (for tests). */
    public static synchronized void reset() {
        x = INITIAL;
    }
}
