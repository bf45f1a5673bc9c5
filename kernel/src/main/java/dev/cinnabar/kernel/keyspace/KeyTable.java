package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.keyspace.RedisValue;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hash table behind one database: binary keys to {@link Entry}, chained, with a power-of-two
 * bucket count so that {@link #scan} can use Redis's reverse-binary cursor ({@code dict.c}
 * {@code dictScan}), which visits every key present for the whole iteration at least once even when
 * the table grows or shrinks in between. It also keeps a dense array of the entries that have an
 * expiry, so active expiry can sample them in O(1).
 *
 * <p>Lookups take the key bytes directly (no wrapper object per request). The hash is seeded per
 * process, so clients cannot choose colliding keys in advance.
 *
 * <p>Resizing rehashes all at once; Redis rehashes incrementally. At 1M keys a resize costs tens
 * of milliseconds; incremental rehash is left for when it is measured to matter.
 */
public final class KeyTable {

    private static final int SEED = ThreadLocalRandom.current().nextInt() | 1;
    private static final int MIN_SIZE = 16;

    /** One key: its bytes, value, expiry and last access. */
    public static final class Entry implements KeyAccess {
        final byte[] key;
        final int hash;
        RedisValue value;
        long expireAt = -1;
        int volatileIndex = -1;
        int lruSeconds;
        /** {@link LfuCounter}'s packed access frequency. */
        int lfu = LfuCounter.initial();
        /** The epoch of the last snapshot that has this entry settled (given out, or created after it began). */
        int mark;
        Entry next;

        Entry(byte[] key, int hash, RedisValue value) {
            this.key = key;
            this.hash = hash;
            this.value = value;
        }

        public byte[] key() {
            return key;
        }

        public RedisValue value() {
            return value;
        }

        public long expireAt() {
            return expireAt;
        }

        public int lruSeconds() {
            return lruSeconds;
        }

        @Override
        public long idleSeconds() {
            return Math.max(0, System.currentTimeMillis() / 1000 - lruSeconds);
        }

        @Override
        public int frequency() {
            return LfuCounter.decayed(lfu);
        }
    }

    private Entry[] buckets = new Entry[MIN_SIZE];
    private int size;
    private Entry[] volatiles = new Entry[0];
    private int volatileCount;
    /** The snapshot still capturing this table (entries it has not reached are given to it before they change), or null. */
    KeyspaceSnapshot.Part capture;
    /** The epoch of the snapshot in progress, 0 when none: entries created meanwhile are not part of it. */
    int snapshotEpoch;

    /**
     * Called before {@code e} changes (value, expiry, removal): an entry the running snapshot has
     * not captured yet is captured now, as it was.
     */
    private void preserve(Entry e) {
        if (capture != null && e.mark != snapshotEpoch) {
            capture.take(e, false);
        }
    }

    /** The value of {@code e}, about to be changed in place. */
    RedisValue writableValue(Entry e) {
        preserve(e);
        return e.value;
    }

    /** Replaces the value of an entry of this table. */
    void replaceValue(Entry e, RedisValue value) {
        preserve(e);
        e.value = value;
    }

    public int size() {
        return size;
    }

    public int volatileCount() {
        return volatileCount;
    }

    static int hash(byte[] key) {
        int h = SEED;
        for (byte b : key) {
            h = (h ^ b) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    public Entry get(byte[] key) {
        int h = hash(key);
        for (Entry e = buckets[h & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                return e;
            }
        }
        return null;
    }

    /** Inserts or replaces; returns the entry (new or existing, whose value is now {@code value}). */
    public Entry put(byte[] key, RedisValue value) {
        int h = hash(key);
        int idx = h & (buckets.length - 1);
        for (Entry e = buckets[idx]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                replaceValue(e, value);
                return e;
            }
        }
        return insert(idx, key, h, value);
    }

    /** Inserts a key that must be new; null (and nothing changed) when it is already there. */
    public Entry putNew(byte[] key, RedisValue value) {
        int h = hash(key);
        int idx = h & (buckets.length - 1);
        for (Entry e = buckets[idx]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                return null;
            }
        }
        return insert(idx, key, h, value);
    }

    /** Links a new entry at the head of bucket {@code idx}: born settled for a snapshot in progress. */
    private Entry insert(int idx, byte[] key, int h, RedisValue value) {
        Entry e = new Entry(key, h, value);
        e.mark = snapshotEpoch;
        e.next = buckets[idx];
        buckets[idx] = e;
        if (++size > buckets.length) {
            resize(buckets.length * 2);
        }
        return e;
    }

    /** Grows the table at once to hold {@code keys} keys (a load that knows its size rehashes no more). */
    public void reserve(long keys) {
        long want = Long.highestOneBit(Math.max(1, Math.min(keys, 1L << 30)) - 1) << 1;
        if (want > buckets.length) {
            resize((int) want);
        }
    }

    public Entry remove(byte[] key) {
        int h = hash(key);
        int idx = h & (buckets.length - 1);
        Entry prev = null;
        for (Entry e = buckets[idx]; e != null; prev = e, e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                preserve(e);
                if (prev == null) {
                    buckets[idx] = e.next;
                } else {
                    prev.next = e.next;
                }
                size--;
                setExpire(e, -1);
                if (buckets.length > MIN_SIZE && size < buckets.length / 8) {
                    resize(buckets.length / 2);
                }
                return e;
            }
        }
        return null;
    }

    /** Sets or clears ({@code -1}) an entry's expiry, keeping the volatile index in step. */
    public void setExpire(Entry e, long when) {
        preserve(e);
        if (when < 0) {
            if (e.volatileIndex >= 0) {
                int i = e.volatileIndex;
                Entry last = volatiles[--volatileCount];
                volatiles[i] = last;
                last.volatileIndex = i;
                volatiles[volatileCount] = null;
                e.volatileIndex = -1;
            }
        } else if (e.volatileIndex < 0) {
            if (volatileCount == volatiles.length) {
                volatiles = Arrays.copyOf(volatiles, Math.max(16, volatileCount * 2));
            }
            e.volatileIndex = volatileCount;
            volatiles[volatileCount++] = e;
        }
        e.expireAt = when;
    }

    /** A random entry with an expiry, or null. */
    public Entry randomVolatile() {
        return volatileCount == 0 ? null : volatiles[ThreadLocalRandom.current().nextInt(volatileCount)];
    }

    /** A random entry, or null when empty (fair enough: random bucket, then random chain element). */
    public Entry random() {
        if (size == 0) {
            return null;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (true) {
            Entry head = buckets[rnd.nextInt(buckets.length)];
            if (head == null) {
                continue;
            }
            int len = 0;
            for (Entry e = head; e != null; e = e.next) {
                len++;
            }
            int pick = rnd.nextInt(len);
            Entry e = head;
            while (pick-- > 0) {
                e = e.next;
            }
            return e;
        }
    }

    /** Empties the table; not while a snapshot still captures it (replace the table then). */
    public void clear() {
        assert capture == null;
        buckets = new Entry[MIN_SIZE];
        size = 0;
        volatiles = new Entry[0];
        volatileCount = 0;
    }

    /** Visits each entry; the visitor must not modify the table. */
    public void forEach(java.util.function.Consumer<Entry> visitor) {
        for (Entry head : buckets) {
            for (Entry e = head; e != null; e = e.next) {
                visitor.accept(e);
            }
        }
    }

    /**
     * Visits the entries of the bucket at {@code cursor} (and, to honour COUNT, following ones)
     * and returns the next cursor (0 when the iteration is complete). Reverse-binary increment as
     * in Redis's dictScan.
     */
    public long scan(long cursor, int count, java.util.function.Consumer<Entry> visitor) {
        if (size == 0) {
            return 0;
        }
        long v = cursor;
        int visited = 0;
        long maxBuckets = Math.max(count, 1) * 10L;
        do {
            long mask = buckets.length - 1;
            Entry[] snapshot = collect((int) (v & mask));
            for (Entry e : snapshot) {
                visitor.accept(e);
                visited++;
            }
            v = nextCursor(v, mask);
            maxBuckets--;
        } while (v != 0 && visited < count && maxBuckets > 0);
        return v;
    }

    /**
     * One step of a snapshot's capture: visits the buckets from {@code cursor} on (reverse-binary,
     * so growing or shrinking in between misses no entry) until about {@code entries} entries
     * were seen; returns the next cursor, 0 when the table has been covered. The visitor must not
     * change the table.
     */
    long scanEntries(long cursor, int entries, java.util.function.Consumer<Entry> visitor) {
        long v = cursor;
        int seen = 0;
        do {
            long mask = buckets.length - 1;
            for (Entry e = buckets[(int) (v & mask)]; e != null; e = e.next) {
                visitor.accept(e);
                seen++;
            }
            v = nextCursor(v, mask);
        } while (v != 0 && seen < entries);
        return v;
    }

    /** Redis's dictScan increment: the cursor's bits above the mask set, then +1 on the reversed bits. */
    private static long nextCursor(long v, long mask) {
        v |= ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    private Entry[] collect(int idx) {
        int n = 0;
        for (Entry e = buckets[idx]; e != null; e = e.next) {
            n++;
        }
        Entry[] out = new Entry[n];
        int i = 0;
        for (Entry e = buckets[idx]; e != null; e = e.next) {
            out[i++] = e;
        }
        return out;
    }

    private void resize(int newSize) {
        Entry[] old = buckets;
        Entry[] fresh = new Entry[newSize];
        int mask = newSize - 1;
        for (Entry head : old) {
            Entry e = head;
            while (e != null) {
                Entry next = e.next;
                int idx = e.hash & mask;
                e.next = fresh[idx];
                fresh[idx] = e;
                e = next;
            }
        }
        buckets = fresh;
    }
}
