package dev.cinnabar.engine.lua.exec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap bound: asked by the slow poll of a run whether the heap in use is past the limit. The fast answer
 * reads {@code Runtime.totalMemory() - freeMemory()} (a few tens of nanoseconds), which counts garbage too; only
 * when that is past the limit is the live size looked at: the heap in use just after a full collection forced
 * here (at most once every {@link #FORCED_GC_INTERVAL_NANOS}, so a script making garbage near the limit does not
 * make the server collect continuously), else the heap pools' usage after their last collection as the JVM
 * reports it.
 */
final class MemoryGuard {

    static final long FORCED_GC_INTERVAL_NANOS = 1_000_000_000L;

    private static final List<MemoryPoolMXBean> HEAP_POOLS = new ArrayList<>();
    private static long lastForcedGc = System.nanoTime() - FORCED_GC_INTERVAL_NANOS;

    static {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()) {
                HEAP_POOLS.add(p);
            }
        }
    }

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
        return liveBytes() > limit;
    }

    private static synchronized long liveBytes() {
        long now = System.nanoTime();
        if (now - lastForcedGc >= FORCED_GC_INTERVAL_NANOS) {
            System.gc();
            lastForcedGc = System.nanoTime();
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
        long sum = 0;
        for (MemoryPoolMXBean p : HEAP_POOLS) {
            MemoryUsage u = p.getCollectionUsage();
            if (u != null) {
                sum += u.getUsed();
            }
        }
        return sum;
    }
}
