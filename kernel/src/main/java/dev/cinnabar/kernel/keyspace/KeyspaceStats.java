package dev.cinnabar.kernel.keyspace;

/** Keyspace counters INFO reports; touched only on the executor. */
public final class KeyspaceStats {
    public long hits;
    public long misses;
    public long expiredKeys;
    public long evictedKeys;
    public long expiredStalePerc;
    public long expireCycleCpuMillis;

    public void reset() {
        hits = misses = expiredKeys = evictedKeys = expireCycleCpuMillis = 0;
    }
}
