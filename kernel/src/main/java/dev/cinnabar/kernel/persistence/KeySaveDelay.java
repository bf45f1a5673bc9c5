package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.config.ConfigView;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Redis's hidden {@code rdb-key-save-delay}: microseconds of delay per key saved, so tests can
 * keep a save running ({@code debugDelay}: a negative value -n sleeps 1 µs with probability 1/n).
 * Read once when a save starts, as Redis's child keeps the value of the fork.
 */
final class KeySaveDelay {

    private KeySaveDelay() {
    }

    static long of(ConfigView config) {
        return config.getLong("rdb-key-save-delay");
    }

    /** The delay for one key saved on the executor (SAVE, a base written at once: Redis blocks too). */
    static void afterKey(long micros) {
        if (micros < 0) {
            micros = ThreadLocalRandom.current().nextLong(-micros) == 0 ? 1 : 0;
        }
        if (micros > 0) {
            LockSupport.parkNanos(micros * 1000);
        }
    }

    /** How many keys a background capture step takes before it waits ({@link #pause} of them). */
    static int batch(long micros) {
        return micros > 0 ? (int) Math.max(1, Math.min(128, 1000 / micros)) : 128;
    }

    /** The wait, in microseconds, after a background capture step of {@code keys} keys. */
    static long pause(long micros, int keys) {
        return micros > 0 ? micros * keys : keys / -micros;
    }
}
