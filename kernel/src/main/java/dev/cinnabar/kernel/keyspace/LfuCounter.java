package dev.cinnabar.kernel.keyspace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's LFU access counter ({@code evict.c}): 16 bits of "last decrement time" in minutes and an
 * 8-bit logarithmic counter, packed into one int as Redis packs them into {@code robj.lru}. A new
 * key starts at {@link #INIT_VALUE}; each access increments with probability
 * {@code 1/((counter-5)*lfu-log-factor+1)}; each {@code lfu-decay-time} minutes without access
 * takes one off. {@code OBJECT FREQ} reports it.
 *
 * <p>Redis keeps either the LRU clock or this counter, depending on the policy; we keep both, so
 * switching policy at run time does not turn one into garbage for the other.
 * {@code lfu-log-factor} and {@code lfu-decay-time} are Redis's defaults (10 and 1) until those
 * parameters are registered.
 */
final class LfuCounter {

    static final int INIT_VALUE = 5;
    private static final int LOG_FACTOR = 10;
    private static final int DECAY_MINUTES = 1;

    private LfuCounter() {
    }

    /** The packed value of a new key. */
    static int initial() {
        return (minutes() << 8) | INIT_VALUE;
    }

    /** The packed value of a counter set explicitly ({@code RESTORE ... FREQ}, RDB {@code FREQ}). */
    static int of(int counter) {
        return (minutes() << 8) | (counter & 255);
    }

    /** The packed value after one access ({@code updateLFU}). */
    static int accessed(int packed) {
        int counter = decayed(packed);
        if (counter < 255) {
            double r = ThreadLocalRandom.current().nextDouble();
            double base = Math.max(0, counter - INIT_VALUE);
            if (r < 1.0 / (base * LOG_FACTOR + 1)) {
                counter++;
            }
        }
        return (minutes() << 8) | counter;
    }

    /** The counter with decay applied ({@code LFUDecrAndReturn}). */
    static int decayed(int packed) {
        int ldt = packed >>> 8;
        int counter = packed & 255;
        int now = minutes();
        int elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
        int periods = elapsed / DECAY_MINUTES;
        return periods > counter ? 0 : counter - periods;
    }

    private static int minutes() {
        return (int) ((System.currentTimeMillis() / 1000 / 60) & 65535);
    }
}
