package dev.cinnabar.commands.hashes;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code hashtable} encoding of a hash: a chained table of power-of-two size keyed by the
 * field's bytes, as Redis's {@code dict}. It is written here rather than wrapping fields for
 * {@link java.util.HashMap} for two reasons: {@code HSCAN} needs Redis's reverse-binary bucket
 * cursor (which survives resizing), and an entry per field is the only allocation a new field
 * costs (no wrapper object).
 *
 * <p>Fields and values are never changed in place, so client argument arrays are stored as they are.
 */
final class FieldTable {

    private static final int INITIAL_BUCKETS = 4;
    /** Per-process seed so that which fields collide cannot be known in advance (Redis seeds siphash). */
    private static final int SEED = ThreadLocalRandom.current().nextInt();

    /** One field with its value, chained within its bucket. */
    static final class Entry {
        final byte[] field;
        byte[] value;
        final int hash;
        Entry next;

        Entry(byte[] field, byte[] value, int hash, Entry next) {
            this.field = field;
            this.value = value;
            this.hash = hash;
            this.next = next;
        }
    }

    /** Receives the pairs of a walk or a scan step. */
    @FunctionalInterface
    interface PairVisitor {
        void visit(byte[] field, byte[] value);
    }

    private Entry[] buckets;
    private int size;

    FieldTable(int expected) {
        int n = INITIAL_BUCKETS;
        while (n < expected) {
            n <<= 1;
        }
        buckets = new Entry[n];
    }

    int size() {
        return size;
    }

    static int hash(byte[] field) {
        // seeded FNV-1a, then murmur3's finaliser to spread the low bits the bucket index uses
        int h = SEED ^ 0x811c9dc5;
        for (byte b : field) {
            h = (h ^ b) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    Entry find(byte[] field) {
        int h = hash(field);
        for (Entry e = buckets[h & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.field, field)) {
                return e;
            }
        }
        return null;
    }

    byte[] get(byte[] field) {
        Entry e = find(field);
        return e == null ? null : e.value;
    }

    /** Sets the value; whether the field is new. */
    boolean put(byte[] field, byte[] value) {
        int h = hash(field);
        int i = h & (buckets.length - 1);
        for (Entry e = buckets[i]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.field, field)) {
                e.value = value;
                return false;
            }
        }
        insert(field, value, h);
        return true;
    }

    /** Adds a field known to be absent. */
    void append(byte[] field, byte[] value) {
        insert(field, value, hash(field));
    }

    private void insert(byte[] field, byte[] value, int h) {
        if (size >= buckets.length) {
            resize(buckets.length << 1);
        }
        int i = h & (buckets.length - 1);
        buckets[i] = new Entry(field, value, h, buckets[i]);
        size++;
    }

    boolean remove(byte[] field) {
        int h = hash(field);
        int i = h & (buckets.length - 1);
        Entry prev = null;
        for (Entry e = buckets[i]; e != null; prev = e, e = e.next) {
            if (e.hash == h && Arrays.equals(e.field, field)) {
                if (prev == null) {
                    buckets[i] = e.next;
                } else {
                    prev.next = e.next;
                }
                size--;
                // Redis shrinks below 10 % fill (serverCron); the reverse-binary cursor tolerates it
                if (buckets.length > INITIAL_BUCKETS && size * 10 < buckets.length) {
                    int n = INITIAL_BUCKETS;
                    while (n < size) {
                        n <<= 1;
                    }
                    resize(n);
                }
                return true;
            }
        }
        return false;
    }

    private void resize(int n) {
        Entry[] old = buckets;
        Entry[] fresh = new Entry[n];
        for (Entry head : old) {
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                int i = e.hash & (n - 1);
                e.next = fresh[i];
                fresh[i] = e;
                e = next;
            }
        }
        buckets = fresh;
    }

    void forEach(PairVisitor visitor) {
        for (Entry head : buckets) {
            for (Entry e = head; e != null; e = e.next) {
                visitor.visit(e.field, e.value);
            }
        }
    }

    /**
     * Visits one bucket and returns the next cursor: Redis's {@code dictScan} for a single table.
     * The cursor's bits are incremented from the top so that a table that doubles or halves between
     * calls still has every bucket of the old table covered.
     */
    long scan(long cursor, PairVisitor visitor) {
        long mask = buckets.length - 1;
        for (Entry e = buckets[(int) (cursor & mask)]; e != null; e = e.next) {
            visitor.visit(e.field, e.value);
        }
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    /** A uniformly chosen entry ({@code dictGetFairRandomKey}); the table must not be empty. */
    Entry randomEntry(ThreadLocalRandom random) {
        Entry head;
        do {
            head = buckets[random.nextInt(buckets.length)];
        } while (head == null);
        int length = 0;
        for (Entry e = head; e != null; e = e.next) {
            length++;
        }
        Entry e = head;
        for (int k = random.nextInt(length); k > 0; k--) {
            e = e.next;
        }
        return e;
    }

    /** Every entry, in bucket order. */
    Entry[] entries() {
        Entry[] out = new Entry[size];
        int k = 0;
        for (Entry head : buckets) {
            for (Entry e = head; e != null; e = e.next) {
                out[k++] = e;
            }
        }
        return out;
    }

    /** A structural copy; the field and value arrays are shared since nothing changes them. */
    FieldTable copy() {
        FieldTable t = new FieldTable(buckets.length);
        for (Entry head : buckets) {
            for (Entry e = head; e != null; e = e.next) {
                t.insert(e.field, e.value, e.hash);
            }
        }
        return t;
    }
}
