package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.keyspace.RedisValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every database as it was at one instant, handed entry by entry to a {@link Sink} on the
 * executor, without stopping the world: the JVM cannot fork, so this is the keyspace's own
 * point-in-time view.
 *
 * <ul>
 *   <li>Starting costs O(databases): each table gets a fresh epoch. An entry whose mark is not
 *       that epoch is <em>pending</em>: it existed at the start and has not been given out.</li>
 *   <li>The executor then captures in steps of about a millisecond ({@link #captureSome}): a
 *       resize-safe scan of each table (Redis's reverse-binary cursor) gives each pending entry
 *       to the sink and marks it.</li>
 *   <li>Meanwhile every change goes through the table, which gives a pending entry to the sink
 *       first, as it was (value replaced or changed in place, expiry changed, deleted, expired,
 *       renamed away). Entries created after the start are born marked. A database emptied while
 *       its table is still being captured gets a new table, and the old one is only read by the
 *       capture from then on; SWAPDB exchanges tables, and each capture stays with its table and
 *       its database number at the start.</li>
 * </ul>
 *
 * The sink encodes what it is given at once, so nothing of the dataset is retained or copied: the
 * cost is that encoding runs on the executor, in the capture's steps and in front of the first
 * change to each key not yet captured. A large value reached by the scan may instead be lent to
 * the save's writer thread ({@link ValueLoans}), and a change in place to it waits until the
 * writer has encoded it.
 */
public final class KeyspaceSnapshot {

    /** Receives the snapshot's entries on the executor, each exactly once. */
    public interface Sink {
        /**
         * An entry of the {@code d}-th database of the snapshot, as it was at the start.
         * {@code scanned}: reached by the capture's scan, rather than given out in front of a
         * change to it (which runs as soon as this returns).
         */
        void entry(int d, byte[] key, RedisValue value, long expireAt, KeyAccess access, boolean scanned);

        /** Every entry of the {@code d}-th database has been given; they end in order 0, 1, ... */
        void databaseDone(int d);
    }

    private static final AtomicInteger EPOCHS = new AtomicInteger();

    final int epoch;
    private final Part[] parts;
    private final boolean live;
    private Sink sink;
    private int scanning;

    /** The capture of one table: the entries of database {@link #db} at the start. */
    static final class Part {
        final int index;
        final int db;
        final long size;
        final long volatileCount;
        final KeyspaceSnapshot owner;
        KeyTable table;
        long cursor;

        Part(KeyspaceSnapshot owner, int index, int db, KeyTable table) {
            this.owner = owner;
            this.index = index;
            this.db = db;
            this.table = table;
            this.size = table.size();
            this.volatileCount = table.volatileCount();
        }

        /** Gives {@code e} to the sink as it is now; it is settled for this snapshot. */
        void take(KeyTable.Entry e, boolean scanned) {
            e.mark = owner.epoch;
            owner.sink.entry(index, e.key, e.value, e.expireAt, e, scanned);
        }

        void visit(KeyTable.Entry e) {
            if (e.mark != owner.epoch) {
                take(e, true);
            }
        }
    }

    /**
     * Starts a snapshot of {@code databases} ({@code live}: with pending entries given out before
     * they change), or a plain one that the caller captures at once before any command runs.
     */
    KeyspaceSnapshot(KernelDatabase[] databases, boolean live) {
        this.live = live;
        int e = 0;
        while (live && e == 0) {
            e = EPOCHS.incrementAndGet() & 0x7fffffff;
        }
        epoch = e;
        List<Part> ps = new ArrayList<>();
        for (KernelDatabase d : databases) {
            KeyTable t = d.table();
            if (live) {
                t.snapshotEpoch = epoch;
            }
            if (t.size() > 0) {
                Part p = new Part(this, ps.size(), d.id(), t);
                if (live) {
                    t.capture = p;
                }
                ps.add(p);
            }
        }
        parts = ps.toArray(new Part[0]);
    }

    /** Where the entries go; set before the executor runs anything else. */
    public void sink(Sink s) {
        this.sink = s;
    }

    /**
     * Captures entries for about {@code budgetNanos} (executor thread); true when everything has
     * been given to the sink. {@code Long.MAX_VALUE} captures all at once.
     */
    public boolean captureSome(long budgetNanos) {
        return captureSome(budgetNanos, 128);
    }

    /** As {@link #captureSome(long)}, reading the clock after every {@code entries} entries or so. */
    public boolean captureSome(long budgetNanos, int entries) {
        long deadline = budgetNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + budgetNanos;
        while (scanning < parts.length) {
            Part p = parts[scanning];
            if (!live) {
                p.table.forEach(e -> sink.entry(p.index, e.key, e.value, e.expireAt, e, true));
                p.cursor = 0;
            } else {
                p.cursor = p.table.scanEntries(p.cursor, entries, p::visit);
            }
            if (p.cursor == 0) {
                if (live) {
                    p.table.capture = null;
                }
                p.table = null;
                scanning++;
                sink.databaseDone(p.index);
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() >= deadline) {
                break;
            }
        }
        return captured();
    }

    public boolean captured() {
        return scanning >= parts.length;
    }

    /** Stops capturing (the snapshot ended early). */
    void detach() {
        for (Part p : parts) {
            if (p.table != null) {
                p.table.capture = null;
                p.table = null;
            }
        }
    }

    /** The databases that had keys at the start, in ascending order. */
    public int databases() {
        return parts.length;
    }

    public int dbId(int d) {
        return parts[d].db;
    }

    /** Keys of the {@code d}-th database at the start (expired ones not yet deleted included). */
    public long size(int d) {
        return parts[d].size;
    }

    /** Of those, the keys with an expire time. */
    public long volatileCount(int d) {
        return parts[d].volatileCount;
    }
}
