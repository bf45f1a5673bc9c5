package dev.cinnabar.kernel.keyspace;

/**
 * Redis's active expiry ({@code expire.c} {@code activeExpireCycle}): at every tick, for each
 * database, sample keys with an expiry and delete the expired ones, repeating while more than
 * 10% of a sample was expired, within a time budget of 25% of the tick. Runs on the executor.
 */
public final class ActiveExpireCycle {

    private static final int KEYS_PER_LOOP = 20;
    private static final int ACCEPTABLE_STALE_PERCENT = 10;

    private final Keyspace keyspace;
    private volatile boolean enabled = true;
    private int effort = 1;

    public ActiveExpireCycle(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    public void enabled(boolean on) {
        enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    public void effort(int effort) {
        this.effort = Math.max(1, Math.min(10, effort));
    }

    /** Runs one cycle with a budget derived from {@code hz}. */
    public void run(int hz) {
        if (!enabled) {
            return;
        }
        long start = System.nanoTime();
        long budgetNanos = 1_000_000_000L / Math.max(1, hz) * (25 + 2L * (effort - 1)) / 100;
        int perLoop = KEYS_PER_LOOP + KEYS_PER_LOOP / 4 * (effort - 1);
        long now = System.currentTimeMillis();
        keyspace.freezeClock(now);
        for (int i = 0; i < keyspace.count(); i++) {
            KernelDatabase db = keyspace.db(i);
            while (db.expiresCount() > 0) {
                int sampled = (int) Math.min(perLoop, db.expiresCount());
                int expired = db.expireSample(sampled, now);
                if (expired * 100 <= sampled * ACCEPTABLE_STALE_PERCENT) {
                    break;
                }
                if (System.nanoTime() - start > budgetNanos) {
                    keyspace.stats().expireCycleCpuMillis += (System.nanoTime() - start) / 1_000_000;
                    return;
                }
            }
        }
        keyspace.stats().expireCycleCpuMillis += (System.nanoTime() - start) / 1_000_000;
    }
}
