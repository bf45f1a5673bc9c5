package dev.cinnabar.kernel.keyspace;

/**
 * A key's access data as an RDB file records it under an LRU or LFU {@code maxmemory-policy}
 * (the IDLE and FREQ opcodes). Read only when the policy asks for it: both cost a clock read.
 */
public interface KeyAccess {

    /** Read by nothing: for entries that have no access data (the start-up warm-up). */
    KeyAccess NONE = new KeyAccess() {
        @Override
        public long idleSeconds() {
            return 0;
        }

        @Override
        public int frequency() {
            return LfuCounter.INIT_VALUE;
        }
    };

    /** Whole seconds since the last access ({@code estimateObjectIdleTime / 1000}). */
    long idleSeconds();

    /** The LFU counter with its decay applied ({@code LFUDecrAndReturn}). */
    int frequency();
}
