package dev.cinnabar.commands.sets;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code hashtable} encoding of a set: binary members in a chained hash table, as Redis's
 * {@code dict}, with the entries kept densely in parallel arrays.
 *
 * <p>Why not {@code HashSet<ByteKey>}: SADD stays free of a wrapper object per member, and the
 * dense entry arrays give SPOP and SRANDMEMBER a uniformly random member in O(1) (a member is
 * {@code members[random(size)]}), while the power-of-two bucket array keeps Redis's SSCAN cursor
 * (reverse-binary increment over the buckets), which visits every member present for the whole
 * scan even when the table grows or shrinks between calls.
 */
final class MemberTable {

    private static final int NONE = -1;
    private static final int MIN_BUCKETS = 4;
    /** Seeds the member hash per process, as Redis seeds siphash, against crafted collisions. */
    private static final int SEED = ThreadLocalRandom.current().nextInt() | 1;

    private byte[][] members;
    private int[] hashes;
    private int[] next;
    private int[] buckets;
    private int size;
    /** Sum of the members' lengths, so MEMORY USAGE needs no walk over the members. */
    private long memberBytes;

    MemberTable(int expected) {
        int cap = Math.max(MIN_BUCKETS, expected);
        members = new byte[cap][];
        hashes = new int[cap];
        next = new int[cap];
        buckets = newBuckets(bucketCountFor(expected));
    }

    int size() {
        return size;
    }

    /** The member at dense index {@code i} (0 ≤ i < size); the index changes when members are removed. */
    byte[] at(int i) {
        return members[i];
    }

    boolean contains(byte[] m) {
        return find(m, hash(m)) != NONE;
    }

    /** Adds {@code m} (taking ownership of the array); whether it was new. */
    boolean add(byte[] m) {
        int h = hash(m);
        if (find(m, h) != NONE) {
            return false;
        }
        if (size == members.length) {
            int cap = size + (size >> 1) + 1;
            members = Arrays.copyOf(members, cap);
            hashes = Arrays.copyOf(hashes, cap);
            next = Arrays.copyOf(next, cap);
        }
        int i = size++;
        memberBytes += m.length;
        members[i] = m;
        hashes[i] = h;
        int b = h & (buckets.length - 1);
        next[i] = buckets[b];
        buckets[b] = i;
        if (size > buckets.length) {
            rehash(buckets.length << 1);
        }
        return true;
    }

    boolean remove(byte[] m) {
        int i = find(m, hash(m));
        if (i == NONE) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Removes the member at dense index {@code i}; the last entry takes its index. */
    void removeAt(int i) {
        memberBytes -= members[i].length;
        unlink(i);
        int last = --size;
        if (i != last) {
            // move the last entry into the hole and repoint whoever referred to it
            int b = hashes[last] & (buckets.length - 1);
            if (buckets[b] == last) {
                buckets[b] = i;
            } else {
                int p = buckets[b];
                while (next[p] != last) {
                    p = next[p];
                }
                next[p] = i;
            }
            members[i] = members[last];
            hashes[i] = hashes[last];
            next[i] = next[last];
        }
        members[last] = null;
        // Redis shrinks a dict below 10% fill (HASHTABLE_MIN_FILL); so do we, keeping random picks and scans cheap
        if (buckets.length > MIN_BUCKETS && size * 10 < buckets.length) {
            rehash(bucketCountFor(size));
            if (members.length > 2 * MIN_BUCKETS && size * 4 < members.length) {
                int cap = Math.max(MIN_BUCKETS, size * 2);
                members = Arrays.copyOf(members, cap);
                hashes = Arrays.copyOf(hashes, cap);
                next = Arrays.copyOf(next, cap);
            }
        }
    }

    /** A uniformly random dense index; the table must not be empty. */
    int randomIndex() {
        return ThreadLocalRandom.current().nextInt(size);
    }

    /**
     * One step of {@code dictScan}: visits the members of bucket {@code cursor & mask} and returns
     * the next cursor (reverse-binary increment over the mask's bits), 0 when the scan is complete.
     */
    long scan(long cursor, MemberVisitor visitor) {
        long mask = buckets.length - 1;
        for (int i = buckets[(int) (cursor & mask)]; i != NONE; i = next[i]) {
            visitor.visit(members[i]);
        }
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    /** An estimate of the heap bytes held, for MEMORY USAGE. */
    long memoryUsage() {
        return 16L * members.length + 4L * buckets.length + 16L * size + memberBytes + 16;
    }

    MemberTable copy() {
        MemberTable t = new MemberTable(size);
        for (int i = 0; i < size; i++) {
            t.add(members[i].clone());
        }
        return t;
    }

    private int find(byte[] m, int h) {
        for (int i = buckets[h & (buckets.length - 1)]; i != NONE; i = next[i]) {
            if (hashes[i] == h && Arrays.equals(members[i], m)) {
                return i;
            }
        }
        return NONE;
    }

    private void unlink(int i) {
        int b = hashes[i] & (buckets.length - 1);
        if (buckets[b] == i) {
            buckets[b] = next[i];
            return;
        }
        int p = buckets[b];
        while (next[p] != i) {
            p = next[p];
        }
        next[p] = next[i];
    }

    private void rehash(int bucketCount) {
        buckets = newBuckets(bucketCount);
        int mask = bucketCount - 1;
        for (int i = 0; i < size; i++) {
            int b = hashes[i] & mask;
            next[i] = buckets[b];
            buckets[b] = i;
        }
    }

    private static int[] newBuckets(int n) {
        int[] b = new int[n];
        Arrays.fill(b, NONE);
        return b;
    }

    /** The smallest power of two ≥ n (at least {@link #MIN_BUCKETS}), as {@code _dictNextExp}. */
    private static int bucketCountFor(int n) {
        if (n <= MIN_BUCKETS) {
            return MIN_BUCKETS;
        }
        return Integer.highestOneBit(n - 1) << 1;
    }

    private static int hash(byte[] m) {
        int h = SEED;
        for (byte b : m) {
            h = 31 * h + b;
        }
        // murmur3's finalizer: the bucket index uses the low bits, which the polynomial leaves weak
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** Receives members during a scan. */
    @FunctionalInterface
    interface MemberVisitor {
        void visit(byte[] member);
    }
}
