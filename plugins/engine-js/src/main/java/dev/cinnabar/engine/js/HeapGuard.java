package dev.cinnabar.engine.js;

/**
 * The heap bound a run is polled against (as the Lua engine's {@code MemoryGuard}): the fast answer
 * reads {@code totalMemory - freeMemory}, which counts garbage too; only past the limit is the live
 * size measured, by a full collection forced at most once a second so that a script making garbage
 * near the limit does not make the server collect continuously.
 */
final class HeapGuard {

    private static final long FORCED_GC_INTERVAL_NANOS = 1_000_000_000L;

    private static long lastForcedGc = System.nanoTime() - FORCED_GC_INTERVAL_NANOS;
    private static long lastLive;

    /**
     * {@code -Dcinnabar.js.max-memory=<bytes>} when set, else the heap less what is left to the rest
     * of the server: a tenth of the heap, at least 64 MiB.
     */
    static final long LIMIT;

    static {
        long max = Runtime.getRuntime().maxMemory();
        long configured = Long.getLong("cinnabar.js.max-memory", 0L);
        LIMIT = configured > 0 ? configured : max - Math.max(64L << 20, max / 10);
    }

    private HeapGuard() {
    }

    /** true when the heap is past the limit with live data */
    static boolean exceeded() {
        Runtime rt = Runtime.getRuntime();
        if (rt.totalMemory() - rt.freeMemory() <= LIMIT) {
            return false;
        }
        return liveBytes() > LIMIT;
    }

    private static synchronized long liveBytes() {
        long now = System.nanoTime();
        if (now - lastForcedGc >= FORCED_GC_INTERVAL_NANOS) {
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
