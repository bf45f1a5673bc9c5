package dev.cinnabar.engine.lua.exec;


/**
 * The heap bound: asked by the slow poll of a run whether the heap in use is past the limit. The fast answer
 * reads {@code Runtime.totalMemory() - freeMemory()} (a few tens of nanoseconds), which counts garbage too; only
 * when that is past the limit is the live size looked at: the heap in use just after a full collection forced
 * here (at most once every {@link #FORCED_GC_INTERVAL_NANOS}, so a script making garbage near the limit does not
 * make the server collect continuously, unless the heap grew by a quarter of the limit since: a script that
 * keeps what it allocates is caught before it passes the limit by much), else the figure that collection gave.
 */
final class MemoryGuard {

    static final long FORCED_GC_INTERVAL_NANOS = 1_000_000_000L;

    private static long lastForcedGc = System.nanoTime() - FORCED_GC_INTERVAL_NANOS;
    private static long lastLive;

    private final long limit;

    MemoryGuard(long configuredLimit) {
        long max = Runtime.getRuntime().maxMemory();
        this.limit = configuredLimit > 0 ? configuredLimit : max - Math.max(64L << 20, max / 10);
    }

    long limit() {
        return limit;
    }

    /** true when the heap is past the limit with live data */
    boolean exceeded() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        if (used <= limit) {
            return false;
        }
        return liveBytes(used, Math.max(limit / 4, 16L << 20)) > limit;
    }

    /**
     * The live size: measured by a forced full collection, at most once per interval; in between,
     * the last such measurement. (The heap pools' own post-collection figures are not used: the old
     * generation's is only refreshed by full collections and stays high long after a big script.)
     */
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
    static synchronized void forget() {
        lastForcedGc = System.nanoTime() - FORCED_GC_INTERVAL_NANOS;
        lastLive = 0;
    }
}
