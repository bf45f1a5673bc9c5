package dev.cinnabar.commands.sorted.sets;

/**
 * The range walks of {@code genericZrangebyrankCommand}, {@code genericZrangebyscoreCommand} and
 * {@code genericZrangebylexCommand}, collecting into {@link Entries}.
 */
final class Ranges {

    private Ranges() {
    }

    /** Ranks {@code start..end} (inclusive, negative from the end), counted from the top when {@code reverse}. */
    static Entries byRank(ZSetStore z, long start, long end, boolean reverse) {
        Entries out = new Entries();
        long llen = z.size();
        long[] span = clampRanks(start, end, llen);
        if (span == null) {
            return out;
        }
        start = span[0];
        long[] left = {span[1] - start + 1};
        int from = (int) (reverse ? llen - 1 - start : start);
        z.visit(from, reverse, (m, s) -> {
            out.add(m, s);
            return --left[0] > 0;
        });
        return out;
    }

    /**
     * Redis's rank normalisation (negative from the end, clamped to the set): {start, end}
     * inclusive, or null when the range is empty.
     */
    static long[] clampRanks(long start, long end, long llen) {
        if (start < 0) {
            start = llen + start;
        }
        if (end < 0) {
            end = llen + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= llen) {
            return null;
        }
        return new long[] {start, Math.min(end, llen - 1)};
    }

    /** How LIMIT's offset and count consume a walk: negative offset skips everything, negative count is unlimited. */
    private static final class Window {
        long offset;
        long limit;

        Window(long offset, long limit) {
            this.offset = offset;
            this.limit = limit;
        }
    }

    /** Walks from {@code rank} while members stay in range, honouring LIMIT's offset and count. */
    private static void walk(ZSetStore z, int rank, boolean reverse, Window w, ZSetStore.EntryVisitor inRange,
                             Entries out) {
        z.visit(rank, reverse, (m, s) -> {
            if (w.offset != 0) {
                w.offset--;
                return true;
            }
            if (w.limit == 0 || !inRange.visit(m, s)) {
                return false;
            }
            w.limit--;
            out.add(m, s);
            return true;
        });
    }

    static Entries byScore(ZSetStore z, ScoreRange range, boolean reverse, long offset, long limit) {
        Entries out = new Entries();
        if ((offset > 0 && offset >= z.size()) || range.isEmpty() || z.size() == 0) {
            return out;
        }
        Window w = new Window(offset, limit);
        if (!reverse) {
            int first = z.countBefore(range.beforeMin());
            if (first >= z.size()) {
                return out;
            }
            walk(z, first, false, w, (mm, ss) -> range.belowMax(ss), out);
        } else {
            int last = z.countBefore(range.throughMax()) - 1;
            if (last < 0) {
                return out;
            }
            walk(z, last, true, w, (mm, ss) -> range.aboveMin(ss), out);
        }
        return out;
    }

    /** zslIsInLexRange / zzlIsInLexRange: the range is not empty and overlaps the head and tail members. */
    private static boolean mayHoldLex(ZSetStore z, LexRange range) {
        int n = z.size();
        return n > 0 && !range.isEmpty() && range.aboveMin(z.memberAt(n - 1)) && range.belowMax(z.memberAt(0));
    }

    static Entries byLex(ZSetStore z, LexRange range, boolean reverse, long offset, long limit) {
        Entries out = new Entries();
        if ((offset > 0 && offset >= z.size()) || !mayHoldLex(z, range)) {
            return out;
        }
        Window w = new Window(offset, limit);
        if (!reverse) {
            int first = z.countBefore(range.beforeMin());
            if (first >= z.size()) {
                return out;
            }
            walk(z, first, false, w, (mm, ss) -> range.belowMax(mm), out);
        } else {
            int last = z.lastWhere(range.throughMax());
            if (last < 0) {
                return out;
            }
            walk(z, last, true, w, (mm, ss) -> range.aboveMin(mm), out);
        }
        return out;
    }

    /**
     * First rank and length of the run of a lex range that ZREMRANGEBYLEX deletes: from the first
     * member at or above min, forwards while members stay at or below max.
     */
    static int[] lexRun(ZSetStore z, LexRange range) {
        if (!mayHoldLex(z, range)) {
            return new int[] {0, 0};
        }
        int first = z.countBefore(range.beforeMin());
        int[] count = {0};
        if (first < z.size()) {
            z.visit(first, false, (m, s) -> {
                if (!range.belowMax(m)) {
                    return false;
                }
                count[0]++;
                return true;
            });
        }
        return new int[] {first, count[0]};
    }

    /** ZLEXCOUNT: a listpack counts the run, a skiplist subtracts the ranks of the two ends. */
    static long lexCount(ZSetStore z, LexRange range) {
        if (z instanceof ListpackStore) {
            return lexRun(z, range)[1];
        }
        if (!mayHoldLex(z, range)) {
            return 0;
        }
        int first = z.countBefore(range.beforeMin());
        if (first >= z.size() || !range.belowMax(z.memberAt(first))) {
            return 0;
        }
        int last = z.lastWhere(range.throughMax());
        if (last < 0 || !range.aboveMin(z.memberAt(last))) {
            return z.size() - first; // Redis keeps its first estimate when the last end is not found
        }
        return last - first + 1;
    }

    /** First rank and count of a score range (ZCOUNT, ZREMRANGEBYSCORE). */
    static int[] spanOf(ZSetStore z, ScoreRange range) {
        if (range.isEmpty() || z.size() == 0) {
            return new int[] {0, 0};
        }
        int first = z.countBefore(range.beforeMin());
        int end = z.countBefore(range.throughMax());
        return new int[] {first, Math.max(0, end - first)};
    }

}
