package dev.cinnabar.commands.sets;

import java.util.Arrays;

/**
 * Intersection, union and difference as Redis computes them ({@code sinterGenericCommand},
 * {@code sunionDiffGenericCommand}), including what decides the result's order and encoding: an
 * intersection lists members in the order of its smallest input; unions and differences build a
 * fresh set that starts as an intset, so an all-integer result within
 * {@code set-max-intset-entries} comes out sorted. A {@code null} input is a missing key.
 */
final class SetAlgebra {

    private SetAlgebra() {
    }

    /** The members of an intersection: indexes into {@link #base}, in order. */
    static final class Intersection {
        final SetValue base;
        final int[] indexes;
        final int count;

        Intersection(SetValue base, int[] indexes, int count) {
            this.base = base;
            this.indexes = indexes;
            this.count = count;
        }
    }

    private static final Intersection EMPTY = new Intersection(null, new int[0], 0);

    /**
     * Intersects {@code sets}; with {@code limit > 0} stops after that many members. With
     * {@code countOnly}, only {@link Intersection#count} is meaningful.
     */
    static Intersection intersect(SetValue[] sets, long limit, boolean countOnly) {
        for (SetValue s : sets) {
            if (s == null) {
                return EMPTY;
            }
        }
        SetValue[] sorted = sets.clone();
        // smallest first (a stable sort, as glibc's qsort is for such arrays), so fewer probes
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.size(), b.size()));
        SetValue base = sorted[0];
        int n = base.size();
        int[] indexes = countOnly ? null : new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int j = 1;
            for (; j < sorted.length; j++) {
                if (sorted[j] != base && !sorted[j].containsMemberOf(base, i)) {
                    break;
                }
            }
            if (j == sorted.length) {
                if (!countOnly) {
                    indexes[count] = i;
                }
                count++;
                if (limit > 0 && count >= limit) {
                    break;
                }
            }
        }
        return new Intersection(base, indexes, count);
    }

    /** The intersection as a new set ({@code SINTERSTORE}). */
    static SetValue toSet(Intersection in, long maxIntsetEntries) {
        SetValue dst = SetValue.emptyIntset();
        for (int k = 0; k < in.count; k++) {
            dst.addFrom(in.base, in.indexes[k], maxIntsetEntries);
        }
        return dst;
    }

    static SetValue union(SetValue[] sets, long maxIntsetEntries) {
        SetValue dst = SetValue.emptyIntset();
        for (SetValue s : sets) {
            if (s == null) {
                continue;
            }
            int n = s.size();
            for (int i = 0; i < n; i++) {
                dst.addFrom(s, i, maxIntsetEntries);
            }
        }
        return dst;
    }

    /**
     * The first set minus the others, with Redis's choice between probing every other set for each
     * member of the first (algorithm 1) and copying the first then removing (algorithm 2): the
     * choice shows in the result's encoding, since a copy that outgrew the intset stays a hashtable.
     */
    static SetValue difference(SetValue[] sets, long maxIntsetEntries) {
        SetValue dst = SetValue.emptyIntset();
        SetValue first = sets[0];
        if (first == null) {
            return dst;
        }
        long algoOneWork = 0, algoTwoWork = 0;
        for (SetValue s : sets) {
            if (s != null) {
                algoOneWork += first.size();
                algoTwoWork += s.size();
            }
        }
        // algorithm 1 has better constants and stops early on common members: Redis gives it a 2x advantage
        algoOneWork /= 2;
        int n = first.size();
        if (algoOneWork <= algoTwoWork) {
            for (int i = 0; i < n; i++) {
                boolean found = false;
                for (int j = 1; j < sets.length && !found; j++) {
                    SetValue s = sets[j];
                    found = s != null && (s == first || s.containsMemberOf(first, i));
                }
                if (!found) {
                    dst.addFrom(first, i, maxIntsetEntries);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst.addFrom(first, i, maxIntsetEntries);
            }
            for (int j = 1; j < sets.length && dst.size() > 0; j++) {
                SetValue s = sets[j];
                if (s == null) {
                    continue;
                }
                int m = s.size();
                for (int i = 0; i < m; i++) {
                    dst.removeMemberOf(s, i);
                }
            }
        }
        return dst;
    }
}
