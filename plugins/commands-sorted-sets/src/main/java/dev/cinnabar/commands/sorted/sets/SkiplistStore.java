package dev.cinnabar.commands.sorted.sets;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The big encoding Redis calls {@code skiplist}: Redis's ranked skiplist ({@code zskiplist}, with
 * spans so ranks cost O(log n)) plus a member-to-node hash table. The hash is chained through the
 * nodes themselves and keyed by the member bytes, so a lookup allocates nothing; it is one
 * power-of-two table so {@code ZSCAN} can use Redis's reverse-binary cursor.
 */
final class SkiplistStore implements ZSetStore {

    private static final int MAX_LEVEL = 32;

    /**
     * A skiplist node. The two lowest levels (where most hops happen, and all levels of 94 % of
     * nodes) live in fields rather than arrays: every array is one more cache miss per hop, and
     * ZADD on a 200k-member set spent most of its time chasing them.
     */
    private static final class Node {
        final byte[] member;
        double score;
        Node backward;
        Node chain;
        final int hash;
        final int levels;
        private Node f0, f1;
        private int s0, s1;
        private final Node[] fx;
        private final int[] sx;

        Node(byte[] member, double score, int level, int hash) {
            this.member = member;
            this.score = score;
            this.levels = level;
            this.hash = hash;
            this.fx = level > 2 ? new Node[level - 2] : null;
            this.sx = level > 2 ? new int[level - 2] : null;
        }

        Node fwd(int i) {
            return i == 0 ? f0 : i == 1 ? f1 : fx[i - 2];
        }

        void fwd(int i, Node n) {
            if (i == 0) {
                f0 = n;
            } else if (i == 1) {
                f1 = n;
            } else {
                fx[i - 2] = n;
            }
        }

        int span(int i) {
            return i == 0 ? s0 : i == 1 ? s1 : sx[i - 2];
        }

        void span(int i, int v) {
            if (i == 0) {
                s0 = v;
            } else if (i == 1) {
                s1 = v;
            } else {
                sx[i - 2] = v;
            }
        }
    }

    private final Node header = new Node(null, 0, MAX_LEVEL, 0);
    private Node tail;
    private int length;
    private int level = 1;
    private Node[] table = new Node[16];
    // search paths reused across calls: commands run one at a time, and ZADD at -P 16 showed
    // these two per-insert arrays as the main garbage of the big encoding
    private final Node[] update = new Node[MAX_LEVEL];
    private final int[] rankPath = new int[MAX_LEVEL];

    // ---- hash table ----

    private static int hash(byte[] m) {
        int h = 1;
        for (byte b : m) {
            h = 31 * h + b;
        }
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    // ZADD asks for a member's score, then updates it: the second lookup of the same argument
    // array is answered from here until the table changes (about 10 % of ZADD on a big set)
    private byte[] lastQuery;
    private Node lastFound;

    private Node find(byte[] member) {
        if (member == lastQuery) {
            return lastFound;
        }
        Node n = lookup(member);
        lastQuery = member;
        lastFound = n;
        return n;
    }

    private Node lookup(byte[] member) {
        int h = hash(member);
        for (Node n = table[h & (table.length - 1)]; n != null; n = n.chain) {
            if (n.hash == h && Arrays.equals(n.member, member)) {
                return n;
            }
        }
        return null;
    }

    private void hashAdd(Node node) {
        lastQuery = null;
        if (length >= table.length) {
            resize(table.length * 2);
        }
        int i = node.hash & (table.length - 1);
        node.chain = table[i];
        table[i] = node;
    }

    private void hashRemove(Node node) {
        lastQuery = null;
        int i = node.hash & (table.length - 1);
        Node prev = null;
        for (Node n = table[i]; n != null; prev = n, n = n.chain) {
            if (n == node) {
                if (prev == null) {
                    table[i] = n.chain;
                } else {
                    prev.chain = n.chain;
                }
                n.chain = null;
                break;
            }
        }
        if (table.length > 16 && length < table.length / 8) {
            resize(table.length / 2);
        }
    }

    private void hashReplace(Node old, Node fresh) {
        lastQuery = null;
        int i = old.hash & (table.length - 1);
        Node prev = null;
        for (Node n = table[i]; n != null; prev = n, n = n.chain) {
            if (n == old) {
                fresh.chain = n.chain;
                if (prev == null) {
                    table[i] = fresh;
                } else {
                    prev.chain = fresh;
                }
                return;
            }
        }
    }

    private void resize(int capacity) {
        Node[] fresh = new Node[capacity];
        for (Node head : table) {
            for (Node n = head; n != null; ) {
                Node next = n.chain;
                int i = n.hash & (capacity - 1);
                n.chain = fresh[i];
                fresh[i] = n;
                n = next;
            }
        }
        table = fresh;
    }

    // ---- skiplist (zslInsert, zslDeleteNode, zslGetRank... of t_zset.c) ----

    private static int randomLevel() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int lvl = 1;
        while (lvl < MAX_LEVEL && (rnd.nextInt() & 0xFFFF) < 0xFFFF / 4) {
            lvl++;
        }
        return lvl;
    }

    private Node listInsert(byte[] member, double score, int hash) {
        Node[] update = this.update;
        int[] rank = this.rankPath;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            for (Node f; (f = x.fwd(i)) != null && ZOrder.compare(f.score, f.member, score, member) < 0; x = f) {
                rank[i] += x.span(i);
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span(i, length);
            }
            level = lvl;
        }
        Node n = new Node(member, score, lvl, hash);
        for (int i = 0; i < lvl; i++) {
            n.fwd(i, update[i].fwd(i));
            update[i].fwd(i, n);
            n.span(i, update[i].span(i) - (rank[0] - rank[i]));
            update[i].span(i, (rank[0] - rank[i]) + 1);
        }
        for (int i = lvl; i < level; i++) {
            update[i].span(i, update[i].span(i) + 1);
        }
        n.backward = update[0] == header ? null : update[0];
        Arrays.fill(update, 0, level, null);
        if (n.fwd(0) != null) {
            n.fwd(0).backward = n;
        } else {
            tail = n;
        }
        length++;
        return n;
    }

    private void deleteNode(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].fwd(i) == x) {
                update[i].span(i, update[i].span(i) + x.span(i) - 1);
                update[i].fwd(i, x.fwd(i));
            } else {
                update[i].span(i, update[i].span(i) - 1);
            }
        }
        if (x.fwd(0) != null) {
            x.fwd(0).backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.fwd(level - 1) == null) {
            level--;
        }
        length--;
    }

    /** Unlinks the node holding (score, member) from the list; the hash is left alone. */
    private void listDelete(double score, byte[] member) {
        Node[] update = this.update;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            for (Node f; (f = x.fwd(i)) != null && ZOrder.compare(f.score, f.member, score, member) < 0; ) {
                x = f;
            }
            update[i] = x;
        }
        deleteNode(x.fwd(0), update);
        Arrays.fill(update, null);
    }

    private Node nodeAt(int rank) {
        int traversed = -1;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.fwd(i) != null && traversed + x.span(i) <= rank) {
                traversed += x.span(i);
                x = x.fwd(i);
            }
            if (traversed == rank) {
                return x;
            }
        }
        return null;
    }

    // ---- ZSetStore ----

    @Override
    public int size() {
        return length;
    }

    @Override
    public double score(byte[] member) {
        Node n = find(member);
        return n == null ? Double.NaN : n.score;
    }

    @Override
    public void insert(byte[] member, double score) {
        hashAdd(listInsert(member, score, hash(member)));
    }

    @Override
    public void updateScore(byte[] member, double oldScore, double newScore) {
        Node n = find(member);
        // zslUpdateScore: keep the node when it stays between its neighbours
        Node next = n.fwd(0);
        if ((n.backward == null || n.backward.score < newScore)
                && (next == null || next.score > newScore)) {
            n.score = newScore;
            return;
        }
        listDelete(n.score, member);
        Node fresh = listInsert(member, newScore, n.hash);
        hashReplace(n, fresh);
    }

    @Override
    public boolean remove(byte[] member) {
        Node n = find(member);
        if (n == null) {
            return false;
        }
        listDelete(n.score, member);
        hashRemove(n);
        return true;
    }

    @Override
    public int rank(byte[] member) {
        Node n = find(member);
        if (n == null) {
            return -1;
        }
        int rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.fwd(i) != null && ZOrder.compare(x.fwd(i).score, x.fwd(i).member, n.score, member) <= 0) {
                rank += x.span(i);
                x = x.fwd(i);
            }
            if (x == n) {
                return rank - 1;
            }
        }
        return rank - 1;
    }

    @Override
    public int countBefore(Before before) {
        int rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.fwd(i) != null && before.test(x.fwd(i).member, x.fwd(i).score)) {
                rank += x.span(i);
                x = x.fwd(i);
            }
        }
        return rank;
    }

    @Override
    public int lastWhere(Before before) {
        return countBefore(before) - 1;
    }

    @Override
    public void visit(int rank, boolean reverse, EntryVisitor visitor) {
        Node x = nodeAt(rank);
        while (x != null) {
            if (!visitor.visit(x.member, x.score)) {
                return;
            }
            x = reverse ? x.backward : x.fwd(0);
        }
    }

    @Override
    public void removeRanks(int from, int to) {
        Node[] update = this.update;
        int traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.fwd(i) != null && traversed + x.span(i) <= from) {
                traversed += x.span(i);
                x = x.fwd(i);
            }
            update[i] = x;
        }
        x = x.fwd(0);
        for (int k = from; k < to && x != null; k++) {
            Node next = x.fwd(0);
            deleteNode(x, update);
            hashRemove(x);
            x = next;
        }
        Arrays.fill(update, null);
    }

    @Override
    public byte[] memberAt(int rank) {
        return nodeAt(rank).member;
    }

    @Override
    public double scoreAt(int rank) {
        return nodeAt(rank).score;
    }

    @Override
    public long scan(long cursor, EntryVisitor visitor) {
        // dictScan on a single table: visit one bucket, then advance the reversed cursor
        long mask = table.length - 1;
        for (Node n = table[(int) (cursor & mask)]; n != null; n = n.chain) {
            visitor.visit(n.member, n.score);
        }
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    @Override
    public long memoryUsage() {
        long total = 64 + 4L * table.length;
        for (Node x = header.fwd(0); x != null; x = x.fwd(0)) {
            total += 56 + 16 + 12L * x.levels + 16 + x.member.length;
        }
        return total;
    }
}
