package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.RedisValue;

/**
 * All databases plus what they share: the command clock, the counters and the hook that learns
 * about modified keys (for {@code WATCH}). Executor-thread only.
 */
public final class Keyspace {

    /** Told about every key a command changes (WATCH, blocked clients, keyspace notifications). */
    public interface ModificationListener {
        void modified(int db, byte[] key);

        /**
         * Database {@code db} is about to be emptied ({@code replacedWith} -1) or swapped with
         * {@code replacedWith}: both still hold their old contents (WATCH needs to know which
         * keys existed, as Redis's {@code touchAllWatchedKeysInDb} does).
         */
        default void databaseReplacing(int db, int replacedWith) {
        }

        /** A whole database was emptied or swapped. */
        default void databaseChanged(int db) {
        }

        /** {@code key} was deleted because its expire time passed (after {@link #modified}). */
        default void expired(int db, byte[] key) {
        }
    }

    /**
     * Counts changes as Redis adds them to {@code server.dirty}: one per write method of a
     * database unless the command states its own count. Expiries count nothing.
     */
    @FunctionalInterface
    public interface ChangeCounter {
        void count(long changes);
    }

    /** Sends keyspace notifications out (through pub/sub); called only for enabled classes. */
    @FunctionalInterface
    public interface EventPublisher {
        void publish(int flags, String event, int db, byte[] key);
    }

    private final KernelDatabase[] databases;
    private int notifyFlags; // notify-keyspace-events as bits; 0 = every notification is one int test
    private EventPublisher events = (f, e, d, k) -> { };
    private final KeyspaceStats stats = new KeyspaceStats();
    private long commandTime = System.currentTimeMillis();
    private final ModificationFanout listeners = new ModificationFanout();
    private ChangeCounter changes = n -> { };

    private final java.util.function.LongSupplier maxmemoryPolicy;
    /** The point-in-time snapshot in progress (background save or AOF rewrite), or null. */
    private KeyspaceSnapshot snapshot;
    /** Values lent to writer threads of background saves, current or ending (usually none). */
    private final java.util.List<ValueLoans> loans = new java.util.ArrayList<>();

    /**
     * @param maxmemoryPolicy the index of {@code maxmemory-policy} in its enum (volatile-lru,
     *                        volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, ...)
     */
    public Keyspace(int count, java.util.function.LongSupplier maxmemoryPolicy) {
        this.maxmemoryPolicy = maxmemoryPolicy;
        databases = new KernelDatabase[count];
        for (int i = 0; i < count; i++) {
            databases[i] = new KernelDatabase(this, i);
        }
    }

    /**
     * Starts a point-in-time snapshot of every database, in O(databases): the caller sets its sink
     * before returning to the event loop, drives its capture ({@link KeyspaceSnapshot#captureSome})
     * and ends it with {@link #endSnapshot}. One at a time.
     */
    public KeyspaceSnapshot beginSnapshot() {
        if (snapshot != null) {
            throw new IllegalStateException("a snapshot is already in progress");
        }
        snapshot = new KeyspaceSnapshot(databases, true);
        return snapshot;
    }

    /**
     * The databases as they are now, without tracking changes: the caller captures it at once
     * ({@code captureSome(Long.MAX_VALUE)}) before any command runs (SAVE, DEBUG RELOAD). It may
     * run while a background snapshot is in progress and leaves that one alone.
     */
    public KeyspaceSnapshot copyNow() {
        return new KeyspaceSnapshot(databases, false);
    }

    /** Ends {@code s} if it is the snapshot in progress: changes are no longer given to it. */
    public void endSnapshot(KeyspaceSnapshot s) {
        if (snapshot != null && snapshot == s) {
            snapshot.detach();
            for (KernelDatabase d : databases) {
                d.table().capture = null;
                d.table().snapshotEpoch = 0;
            }
            snapshot = null;
        }
    }

    /** Executor: a registry for the values a background save will lend to its writer thread. */
    public ValueLoans newLoans() {
        ValueLoans l = new ValueLoans();
        loans.add(l);
        return l;
    }

    /** Executor: forgets {@code l} once its writer has stopped. */
    public void endLoans(ValueLoans l) {
        loans.remove(l);
    }

    /** Executor, before {@code value} changes in place: waits while a writer thread still reads it. */
    void awaitLoans(RedisValue value) {
        if (loans.isEmpty()) {
            return;
        }
        for (int i = 0; i < loans.size(); i++) {
            loans.get(i).awaitReturn(value);
        }
    }

    /** A new, empty table for a database, taking part in the snapshot in progress. */
    KeyTable newTable() {
        KeyTable t = new KeyTable();
        t.snapshotEpoch = snapshot == null ? 0 : snapshot.epoch;
        return t;
    }

    /** Whether an LFU eviction policy is selected (then accesses update the LFU counter). */
    boolean lfuPolicy() {
        long p = maxmemoryPolicy.getAsLong();
        return p == 1 || p == 5;
    }

    public int count() {
        return databases.length;
    }

    public KernelDatabase db(int index) {
        if (index < 0 || index >= databases.length) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        return databases[index];
    }

    public KeyspaceStats stats() {
        return stats;
    }

    /** The frozen time of the running command, script or transaction. */
    public long now() {
        return commandTime;
    }

    /** Freezes the clock for the command about to run. */
    public void freezeClock(long millis) {
        commandTime = millis;
    }

    /** Where keyspace notifications go. */
    public void eventPublisher(EventPublisher p) {
        events = p;
    }

    /** The enabled classes ({@code notify-keyspace-events} as {@link dev.cinnabar.api.keyspace.KeyspaceEvents} bits). */
    public void notifyFlags(int flags) {
        notifyFlags = flags;
    }

    /** Redis's {@code notifyKeyspaceEvent}: publishes only when {@code type} is enabled. */
    void notify(int type, String event, int db, byte[] key) {
        if ((notifyFlags & type) != 0) {
            events.publish(notifyFlags, event, db, key);
        }
    }

    /** Adds a listener; each is told about every change, in the order they were added. */
    public void addListener(ModificationListener l) {
        listeners.add(l);
    }

    ModificationListener listener() {
        return listeners;
    }

    /** Where the databases count their changes (the persistence state's {@code dirty}). */
    public void changeCounter(ChangeCounter c) {
        changes = c;
    }

    void countChanges(long n) {
        changes.count(n);
    }

    /** Exchanges the tables of two databases: one change, as Redis's {@code SWAPDB} counts. */
    public void swap(int a, int b) {
        KernelDatabase da = db(a), dbb = db(b);
        listeners.databaseReplacing(a, b);
        listeners.databaseReplacing(b, a);
        KeyTable t = da.table();
        da.table(dbb.table());
        dbb.table(t);
        listeners.databaseChanged(a);
        listeners.databaseChanged(b);
        changes.count(1);
    }

    public void flushAll() {
        for (KernelDatabase d : databases) {
            d.clear();
        }
    }

    public long totalKeys() {
        long n = 0;
        for (KernelDatabase d : databases) {
            n += d.size();
        }
        return n;
    }
}
