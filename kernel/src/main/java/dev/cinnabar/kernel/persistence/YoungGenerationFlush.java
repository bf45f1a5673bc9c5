package dev.cinnabar.kernel.persistence;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Ends a bulk load (start-up load, DEBUG RELOAD, DEBUG LOADAOF, DEBUG POPULATE) with the young
 * collection that its fresh keys are due anyway: a generational collector copies every live young
 * object once, and after a load all of them are live, so the first young collection after one
 * pauses for tens of milliseconds (about 25 ms for the last 20 MB of 1M keys on two cores).
 * Paid here, inside a command that already blocks, it does not fall on the next client's request,
 * or on a BGSAVE's first step. There is no call for a young collection only, so this allocates
 * short-lived garbage until the collectors' count moves (bounded; {@code System.gc()} would be a
 * full collection, several times longer).
 */
public final class YoungGenerationFlush {

    /** Garbage pieces: small enough for any collector's young generation (G1's humongous limit). */
    private static final int PIECE = 128 * 1024;
    private static final int MAX_PIECES = 4096; // 512 MiB at the most
    @SuppressWarnings("unused")
    private static volatile byte[] sink;

    private YoungGenerationFlush() {
    }

    public static void afterBulkLoad() {
        long before = collections();
        for (int i = 0; i < MAX_PIECES && collections() == before; i++) {
            sink = new byte[PIECE];
        }
        sink = null;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
