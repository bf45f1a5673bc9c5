package dev.cinnabar.api.script;

/**
 * The heap bound an engine polls a run against, so that a script that keeps what it allocates ends
 * with {@code not enough memory} instead of taking the JVM down. The fast answer reads
 * {@code Runtime.totalMemory() - freeMemory()} (tens of nanoseconds), which counts garbage too;
 * only past the limit is the live size looked at: the heap in use just after a full collection
 * forced here (at most once a second, so that a script making garbage near the limit does not
 * make the server collect continuously, unless the heap grew by a quarter of the limit since: a
 * script that keeps what it allocates is caught before it passes the limit by much), else the
 * figure that collection gave. The measurement is shared by every engine (one JVM heap).
 *
 * @since 1.3.0
 */
public final class HeapBound {

    private static final long FORCED_GC_INTERVAL_NANOS = 1_000_000_000L;

    private static long lastForcedGc = System.nanoTime() - FORCED_GC_INTERVAL_NANOS;
    private static long lastLive;

    private final long limit;

    /**
     * {@code configuredLimit} bytes of live heap, or when it is 0 the JVM's max heap less what the
     * rest of the server keeps: a tenth of it, at least 64 MiB.
     */
    public HeapBound(long configuredLimit) {
        long max = Runtime.getRuntime().maxMemory();
        this.limit = configuredLimit > 0 ? configuredLimit : max - Math.max(64L << 20, max / 10);
    }

    public long limit() {
        return limit;
    }

    /** True when the heap is past the limit with live data. */
    public boolean exceeded() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        if (used <= limit) {
            return false;
        }
        return liveBytes(used, Math.max(limit / 4, 16L << 20)) > limit;
    }

    private static synchronized long liveBytes(long used, long growth) {
        long now = System.nanoTime();
        if (now - lastForcedGc >= FORCED_GC_INTERVAL_NANOS || used - lastLive > growth) {
            System.gc();
            lastForcedGc = System.nanoTime();
            Runtime rt = Runtime.getRuntime();
            lastLive = rt.totalMemory() - rt.freeMemory();
        }
        return lastLive;
    }

    /** After a run was aborted for memory its data is garbage: the next check measures again. */
    public static synchronized void forget() {
        lastForcedGc = System.nanoTime() - FORCED_GC_INTERVAL_NANOS;
        lastLive = 0;
    }
}
