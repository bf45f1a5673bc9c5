package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.keyspace.RedisValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every database as it was at one instant, taken without stopping the world: the JVM cannot fork,
 * so this is the keyspace's own copy-on-write.
 *
 * <ul>
 *   <li>Starting costs O(databases): each table gets a fresh epoch. An entry whose mark is not of
 *       that epoch is <em>pending</em>: it existed at the start and has not been captured.</li>
 *   <li>The executor then captures in steps of about a millisecond ({@link #captureSome}): a
 *       resize-safe scan of each table (Redis's reverse-binary cursor) records each pending
 *       entry's key, value reference and expire time, and marks it.</li>
 *   <li>Meanwhile every change goes through the table, which captures a pending entry first, as
 *       it was (value replaced, expiry changed, deleted, expired, renamed away). Entries created
 *       after the start are born marked: they are not part of the snapshot. A database emptied
 *       while its table is still being captured gets a new table; the old one is only read by the
 *       capture from then on. SWAPDB exchanges tables, and each capture stays with its table and
 *       its database number at the start.</li>
 *   <li>A captured value is only referenced, so until {@link Keyspace#endSnapshot} a command that
 *       asks for a value to change ({@code lookupWrite}) gets a copy in its key first, once per
 *       key. Values stored during the snapshot are marked shared too, as they may be captured
 *       values moved to another key (RENAME, MOVE).</li>
 * </ul>
 *
 * When {@link #captured()}, the recorded entries never change again and any thread may read them.
 */
public final class KeyspaceSnapshot {

    private static final AtomicInteger EPOCHS = new AtomicInteger();
    private static final int BLOCK_BITS = 16;
    private static final int BLOCK = 1 << BLOCK_BITS;

    final int epoch;
    private final Part[] parts;
    private int scanning;

    /** Receives a snapshot's entries. */
    @FunctionalInterface
    public interface Visitor {
        void visit(byte[] key, RedisValue value, long expireAt) throws java.io.IOException;
    }

    /**
     * The capture of one table: the entries of database {@link #db} at the start. Kept small, as
     * it lives as long as the write: an entry and a value reference per key in large blocks (the
     * launcher lets blocks this size skip the young generation, so no collection copies them),
     * expire times only for the keys that have one.
     */
    static final class Part {
        final int db;
        final int epoch;
        KeyTable table;
        long cursor;
        private final List<KeyTable.Entry[]> entries = new ArrayList<>();
        private final List<RedisValue[]> values = new ArrayList<>();
        private int count;
        private int[] volatileAt = new int[0];
        private long[] volatileExpire = new long[0];
        private int volatileCount;

        Part(int db, int epoch, KeyTable table) {
            this.db = db;
            this.epoch = epoch;
            this.table = table;
        }

        /** Records {@code e} as it is now; it is settled for this snapshot, its value shared. */
        void take(KeyTable.Entry e) {
            record(e);
            e.mark = epoch << 1 | 1;
        }

        void record(KeyTable.Entry e) {
            int i = count & (BLOCK - 1);
            int b = count >>> BLOCK_BITS;
            if (i == 0) {
                entries.add(new KeyTable.Entry[Math.min(BLOCK, 64)]);
                values.add(new RedisValue[Math.min(BLOCK, 64)]);
            } else if (i == entries.get(b).length) { // a block starts small and grows to BLOCK
                entries.set(b, java.util.Arrays.copyOf(entries.get(b), i * 2));
                values.set(b, java.util.Arrays.copyOf(values.get(b), i * 2));
            }
            entries.get(b)[i] = e;
            values.get(b)[i] = e.value;
            if (e.expireAt >= 0) {
                if (volatileCount == volatileAt.length) {
                    int n = Math.max(64, volatileCount * 2);
                    volatileAt = java.util.Arrays.copyOf(volatileAt, n);
                    volatileExpire = java.util.Arrays.copyOf(volatileExpire, n);
                }
                volatileAt[volatileCount] = count;
                volatileExpire[volatileCount++] = e.expireAt;
            }
            count++;
        }

        void visit(KeyTable.Entry e) {
            if ((e.mark >>> 1) != epoch) {
                take(e);
            }
        }

        void forEach(Visitor v) throws java.io.IOException {
            int x = 0;
            for (int i = 0; i < count; i++) {
                long expireAt = -1;
                if (x < volatileCount && volatileAt[x] == i) {
                    expireAt = volatileExpire[x++];
                }
                // an entry's key never changes; its value and expiry may have, hence their copies
                v.visit(entries.get(i >>> BLOCK_BITS)[i & (BLOCK - 1)].key, values.get(i >>> BLOCK_BITS)[i & (BLOCK - 1)],
                        expireAt);
            }
        }
    }

    /**
     * The databases as they are now, captured at once and without copy-on-write: for a caller that
     * writes them out before any command runs (SAVE). Leaves the entries' marks alone, so it can
     * run during another snapshot.
     */
    static KeyspaceSnapshot copyOf(KernelDatabase[] databases) {
        List<Part> ps = new ArrayList<>();
        for (KernelDatabase d : databases) {
            if (d.size() > 0) {
                Part p = new Part(d.id(), 0, null);
                d.table().forEach(p::record);
                ps.add(p);
            }
        }
        return new KeyspaceSnapshot(ps.toArray(new Part[0]));
    }

    private KeyspaceSnapshot(Part[] parts) {
        this.epoch = 0;
        this.parts = parts;
        this.scanning = parts.length;
    }

    KeyspaceSnapshot(KernelDatabase[] databases) {
        int e;
        do {
            e = EPOCHS.incrementAndGet() & 0x3fffffff;
        } while (e == 0);
        epoch = e;
        List<Part> ps = new ArrayList<>();
        for (KernelDatabase d : databases) {
            KeyTable t = d.table();
            t.snapshotEpoch = epoch;
            if (t.size() > 0) {
                Part p = new Part(d.id(), epoch, t);
                t.capture = p;
                ps.add(p);
            }
        }
        parts = ps.toArray(new Part[0]);
    }

    /**
     * Captures entries for about {@code budgetNanos} (executor thread); true when everything is
     * captured. {@code Long.MAX_VALUE} captures all at once.
     */
    public boolean captureSome(long budgetNanos) {
        return captureSome(budgetNanos, 2048);
    }

    /** As {@link #captureSome(long)}, reading the clock after every {@code entries} entries or so. */
    boolean captureSome(long budgetNanos, int entries) {
        long deadline = budgetNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + budgetNanos;
        while (scanning < parts.length) {
            Part p = parts[scanning];
            if (p.table != null) {
                p.cursor = p.table.scanEntries(p.cursor, entries, p::visit);
                if (p.cursor == 0) {
                    p.table.capture = null;
                    p.table = null;
                    scanning++;
                }
            } else {
                scanning++;
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

    /** Stops capturing (the snapshot was ended early). */
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

    public int size(int d) {
        return parts[d].count;
    }

    public long volatileCount(int d) {
        return parts[d].volatileCount;
    }

    /** Visits the captured entries of {@code d}-th database (in no particular order). */
    public void forEach(int d, Visitor visitor) throws java.io.IOException {
        parts[d].forEach(visitor);
    }
}
