package dev.cinnabar.commands.lists;

import dev.cinnabar.api.rdb.Listpack;

import java.util.ArrayList;
import java.util.List;

/**
 * Where Redis 7.0's quicklist would cut a list into nodes, followed as elements are pushed and
 * popped at either end: per node its element count and listpack size in bytes, the two numbers
 * {@code _quicklistNodeAllowInsert} decides with. A {@link ListValue} keeps one while only end
 * operations (and LTRIM, which removes from the ends) have changed it, so that snapshots and
 * {@code DUMP} write Redis's very nodes; other edits drop it (the writer then cuts greedily).
 * The fill ({@code list-max-listpack-size}) is the one in force when the list was created, as a
 * Redis quicklist keeps its own.
 */
final class QuicklistLayout {

    /** {@code packed_threshold}: elements this long or longer get a plain node. */
    static final long PACKED_THRESHOLD = 1L << 30;
    private static final int[] SIZE_LIMITS = {4096, 8192, 16384, 32768, 65536};
    private static final int SAFETY_LIMIT = 8192;

    private final int fill;
    /**
     * The nodes, head first, as a ring of packed longs (count in the high 32 bits, listpack
     * bytes in the low 31, bit 31 = plain node): most lists have one node, so one small array.
     */
    private long[] ring = new long[1];
    private int first;
    private int size;

    QuicklistLayout(int fill) {
        this.fill = fill;
    }

    int fill() {
        return fill;
    }

    QuicklistLayout copy() {
        QuicklistLayout c = new QuicklistLayout(fill);
        c.ring = new long[Math.max(1, size)];
        for (int i = 0; i < size; i++) {
            c.ring[i] = node(i);
        }
        c.size = size;
        return c;
    }

    private static long pack(int count, int bytes, boolean plain) {
        return ((long) count << 32) | (bytes & 0x7fffffffL) | (plain ? 0x80000000L : 0);
    }

    private static int count(long n) {
        return (int) (n >>> 32);
    }

    private static int bytes(long n) {
        return (int) (n & 0x7fffffffL);
    }

    private static boolean plain(long n) {
        return (n & 0x80000000L) != 0;
    }

    private long node(int i) {
        return ring[(first + i) % ring.length];
    }

    private void setNode(int i, long v) {
        ring[(first + i) % ring.length] = v;
    }

    private void addNode(boolean head, long v) {
        if (size == ring.length) {
            long[] bigger = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = node(i);
            }
            ring = bigger;
            first = 0;
        }
        if (head) {
            first = (first - 1 + ring.length) % ring.length;
            ring[first] = v;
        } else {
            ring[(first + size) % ring.length] = v;
        }
        size++;
    }

    private void removeNode(boolean head) {
        if (head) {
            first = (first + 1) % ring.length;
        }
        size--;
    }

    /** {@code quicklistPushHead}/{@code quicklistPushTail}. */
    void push(boolean head, byte[] e) {
        if (e.length >= PACKED_THRESHOLD) {
            addNode(head, pack(1, 0, true));
            return;
        }
        int at = head ? 0 : size - 1;
        if (size == 0 || !allowInsert(node(at), e.length, fill)) {
            addNode(head, pack(0, Listpack.EMPTY_BYTES, false));
            at = head ? 0 : size - 1;
        }
        long n = node(at);
        setNode(at, pack(count(n) + 1, bytes(n) + Listpack.entrySize(e), false));
    }

    /** An element removed from the head or the tail ({@code quicklistDelIndex}). */
    void pop(boolean head, byte[] e) {
        if (size == 0) {
            return;
        }
        int at = head ? 0 : size - 1;
        long n = node(at);
        int c = count(n) - 1;
        if (c <= 0) {
            removeNode(head);
            return;
        }
        setNode(at, pack(c, plain(n) ? bytes(n) : bytes(n) - Listpack.entrySize(e), plain(n)));
    }

    /** A node read from a snapshot, kept as it was ({@code quicklistAppendListpack}). */
    void appendNode(List<byte[]> elements, boolean plain) {
        if (plain) {
            addNode(false, pack(1, 0, true));
            return;
        }
        int bytes = Listpack.EMPTY_BYTES;
        for (byte[] e : elements) {
            bytes += Listpack.entrySize(e);
        }
        addNode(false, pack(elements.size(), bytes, false));
    }

    /** Node element counts, head first; negative for a plain node. */
    List<Integer> counts() {
        List<Integer> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long n = node(i);
            out.add(plain(n) ? -1 : count(n));
        }
        return out;
    }

    long total() {
        long t = 0;
        for (int i = 0; i < size; i++) {
            t += count(node(i));
        }
        return t;
    }

    /** {@code _quicklistNodeAllowInsert} with {@code quicklistNodeLimit}. */
    static boolean allowInsert(long node, int elementLength, long fill) {
        if (plain(node)) {
            return false;
        }
        long newSize = (long) bytes(node) + elementLength + 8;
        if (fill >= 0) {
            long countLimit = fill == 0 ? 1 : fill;
            return newSize <= SAFETY_LIMIT && count(node) + 1 <= countLimit;
        }
        int level = (int) Math.min(-fill - 1, SIZE_LIMITS.length - 1);
        return newSize <= SIZE_LIMITS[level];
    }

    /** The size test on a listpack being built (for lists whose layout is unknown). */
    static boolean allowInsert(Listpack.Builder node, int elementLength, long fill) {
        return allowInsert(pack(node.count(), node.bytes(), false), elementLength, fill);
    }
}
