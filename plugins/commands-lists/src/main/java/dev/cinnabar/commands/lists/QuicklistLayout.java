package dev.cinnabar.commands.lists;

import dev.cinnabar.api.rdb.Listpack;

import java.util.ArrayDeque;
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
    private static final int COUNT = 0, BYTES = 1, PLAIN = 2;

    private final int fill;
    private final ArrayDeque<int[]> nodes = new ArrayDeque<>(2);

    QuicklistLayout(int fill) {
        this.fill = fill;
    }

    int fill() {
        return fill;
    }

    QuicklistLayout copy() {
        QuicklistLayout c = new QuicklistLayout(fill);
        for (int[] n : nodes) {
            c.nodes.addLast(n.clone());
        }
        return c;
    }

    /** {@code quicklistPushHead}/{@code quicklistPushTail}. */
    void push(boolean head, byte[] e) {
        int[] node = head ? nodes.peekFirst() : nodes.peekLast();
        if (e.length >= PACKED_THRESHOLD) {
            int[] plain = {1, e.length, 1};
            if (head) {
                nodes.addFirst(plain);
            } else {
                nodes.addLast(plain);
            }
            return;
        }
        if (node == null || !allowInsert(node, e.length, fill)) {
            node = new int[] {0, Listpack.EMPTY_BYTES, 0};
            if (head) {
                nodes.addFirst(node);
            } else {
                nodes.addLast(node);
            }
        }
        node[COUNT]++;
        node[BYTES] += Listpack.entrySize(e);
    }

    /** An element removed from the head or the tail ({@code quicklistDelIndex}). */
    void pop(boolean head, byte[] e) {
        int[] node = head ? nodes.peekFirst() : nodes.peekLast();
        if (node == null) {
            return;
        }
        node[COUNT]--;
        if (node[PLAIN] == 0) {
            node[BYTES] -= Listpack.entrySize(e);
        }
        if (node[COUNT] <= 0) {
            if (head) {
                nodes.pollFirst();
            } else {
                nodes.pollLast();
            }
        }
    }

    /** A node read from a snapshot, kept as it was ({@code quicklistAppendListpack}). */
    void appendNode(List<byte[]> elements, boolean plain) {
        if (plain) {
            nodes.addLast(new int[] {1, elements.get(0).length, 1});
            return;
        }
        int bytes = Listpack.EMPTY_BYTES;
        for (byte[] e : elements) {
            bytes += Listpack.entrySize(e);
        }
        nodes.addLast(new int[] {elements.size(), bytes, 0});
    }

    /** Node element counts, head first; negative for a plain node. */
    List<Integer> counts() {
        List<Integer> out = new ArrayList<>(nodes.size());
        for (int[] n : nodes) {
            out.add(n[PLAIN] == 1 ? -1 : n[COUNT]);
        }
        return out;
    }

    long total() {
        long t = 0;
        for (int[] n : nodes) {
            t += n[COUNT];
        }
        return t;
    }

    /** {@code _quicklistNodeAllowInsert} with {@code quicklistNodeLimit}. */
    static boolean allowInsert(int[] node, int elementLength, long fill) {
        if (node[PLAIN] == 1) {
            return false;
        }
        long newSize = (long) node[BYTES] + elementLength + 8;
        if (fill >= 0) {
            long countLimit = fill == 0 ? 1 : fill;
            return newSize <= SAFETY_LIMIT && node[COUNT] + 1 <= countLimit;
        }
        int level = (int) Math.min(-fill - 1, SIZE_LIMITS.length - 1);
        return newSize <= SIZE_LIMITS[level];
    }

    /** The size test on a listpack being built (for lists whose layout is unknown). */
    static boolean allowInsert(Listpack.Builder node, int elementLength, long fill) {
        return allowInsert(new int[] {node.count(), node.bytes(), 0}, elementLength, fill);
    }
}
