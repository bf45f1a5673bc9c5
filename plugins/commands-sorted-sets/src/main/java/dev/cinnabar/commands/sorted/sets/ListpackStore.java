package dev.cinnabar.commands.sorted.sets;

import java.util.Arrays;

/**
 * The compact encoding Redis calls {@code listpack}: parallel sorted arrays, searched linearly
 * like Redis's listpack walks (sets stay small: {@code zset-max-listpack-entries}).
 */
final class ListpackStore implements ZSetStore {

    private byte[][] members;
    private double[] scores;
    private int size;

    ListpackStore(int capacity) {
        members = new byte[Math.max(capacity, 2)][];
        scores = new double[members.length];
    }

    @Override
    public int size() {
        return size;
    }

    private int indexOf(byte[] member) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(members[i], member)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public double score(byte[] member) {
        int i = indexOf(member);
        return i < 0 ? Double.NaN : scores[i];
    }

    @Override
    public void insert(byte[] member, double score) {
        // a listpack keeps scores as text that Redis writes without the sign of zero
        score = score == 0 ? 0.0 : score;
        int pos = 0;
        if (size > 0 && ZOrder.compare(scores[size - 1], members[size - 1], score, member) < 0) {
            pos = size; // appending in order is the common case when building a set
        }
        while (pos < size && ZOrder.compare(scores[pos], members[pos], score, member) < 0) {
            pos++;
        }
        insertAt(pos, member, score);
    }

    /** Appends in order (callers guarantee it), for building from an ordered source. */
    void append(byte[] member, double score) {
        insertAt(size, member, score);
    }

    private void insertAt(int pos, byte[] member, double score) {
        if (size == members.length) {
            int cap = size * 2;
            members = Arrays.copyOf(members, cap);
            scores = Arrays.copyOf(scores, cap);
        }
        System.arraycopy(members, pos, members, pos + 1, size - pos);
        System.arraycopy(scores, pos, scores, pos + 1, size - pos);
        members[pos] = member;
        scores[pos] = score;
        size++;
    }

    @Override
    public void updateScore(byte[] member, double oldScore, double newScore) {
        newScore = newScore == 0 ? 0.0 : newScore;
        int i = indexOf(member);
        // stays in place when still between its neighbours, as zsetAdd checks
        if ((i == 0 || scores[i - 1] < newScore || (scores[i - 1] == newScore && ZOrder.compareMembers(members[i - 1], member) < 0))
                && (i == size - 1 || scores[i + 1] > newScore || (scores[i + 1] == newScore && ZOrder.compareMembers(members[i + 1], member) > 0))) {
            scores[i] = newScore;
            return;
        }
        removeAt(i);
        insert(member, newScore);
    }

    @Override
    public boolean remove(byte[] member) {
        int i = indexOf(member);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        removeRanks(i, i + 1);
    }

    @Override
    public int rank(byte[] member) {
        return indexOf(member);
    }

    @Override
    public int countBefore(Before before) {
        int i = 0;
        while (i < size && before.test(members[i], scores[i])) {
            i++;
        }
        return i;
    }

    @Override
    public int lastWhere(Before before) {
        int i = size - 1;
        while (i >= 0 && !before.test(members[i], scores[i])) {
            i--;
        }
        return i;
    }

    @Override
    public void visit(int rank, boolean reverse, EntryVisitor visitor) {
        if (reverse) {
            for (int i = rank; i >= 0; i--) {
                if (!visitor.visit(members[i], scores[i])) {
                    return;
                }
            }
        } else {
            for (int i = rank; i < size; i++) {
                if (!visitor.visit(members[i], scores[i])) {
                    return;
                }
            }
        }
    }

    @Override
    public void removeRanks(int from, int to) {
        int n = to - from;
        System.arraycopy(members, to, members, from, size - to);
        System.arraycopy(scores, to, scores, from, size - to);
        size -= n;
        Arrays.fill(members, size, size + n, null);
    }

    @Override
    public byte[] memberAt(int rank) {
        return members[rank];
    }

    @Override
    public double scoreAt(int rank) {
        return scores[rank];
    }

    @Override
    public long scan(long cursor, EntryVisitor visitor) {
        // Redis answers a listpack in one step, whatever COUNT says
        visit(0, false, visitor);
        return 0;
    }

    @Override
    public long memoryUsage() {
        long total = 48 + 16L * members.length;
        for (int i = 0; i < size; i++) {
            total += 16 + members[i].length;
        }
        return total;
    }
}
