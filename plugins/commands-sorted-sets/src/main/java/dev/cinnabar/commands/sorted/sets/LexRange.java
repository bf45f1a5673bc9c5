package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.CommandException;

import java.util.Arrays;

/** A member interval as {@code zslParseLexRange} reads it: {@code [x}, {@code (x}, {@code -}, {@code +}. */
record LexRange(Bound min, Bound max) {

    /** One end: minus or plus infinity, or a member, inclusive or not. */
    record Bound(int infinity, byte[] value, boolean exclusive) {
    }

    static LexRange parse(byte[] min, byte[] max) {
        Bound lo = bound(min);
        Bound hi = bound(max);
        if (lo == null || hi == null) {
            throw new CommandException(SortedSetErrors.MIN_MAX_NOT_LEX);
        }
        return new LexRange(lo, hi);
    }

    private static Bound bound(byte[] b) {
        if (b.length == 0) {
            return null;
        }
        switch (b[0]) {
            case '+':
                return b.length == 1 ? new Bound(1, null, false) : null;
            case '-':
                return b.length == 1 ? new Bound(-1, null, false) : null;
            case '(':
                return new Bound(0, Arrays.copyOfRange(b, 1, b.length), true);
            case '[':
                return new Bound(0, Arrays.copyOfRange(b, 1, b.length), false);
            default:
                return null;
        }
    }

    private static int compare(byte[] member, Bound b) {
        if (b.infinity != 0) {
            return -b.infinity;
        }
        return ZOrder.compareMembers(member, b.value);
    }

    /** zslIsInLexRange's emptiness test. */
    boolean isEmpty() {
        if (min.infinity == 1 || max.infinity == -1) {
            return true;
        }
        if (min.infinity == -1 || max.infinity == 1) {
            return false;
        }
        int c = ZOrder.compareMembers(min.value, max.value);
        return c > 0 || (c == 0 && (min.exclusive || max.exclusive));
    }

    boolean aboveMin(byte[] m) {
        int c = compare(m, min);
        return min.exclusive ? c > 0 : c >= 0;
    }

    boolean belowMax(byte[] m) {
        int c = compare(m, max);
        return max.exclusive ? c < 0 : c <= 0;
    }

    ZSetStore.Before beforeMin() {
        return (m, s) -> !aboveMin(m);
    }

    ZSetStore.Before throughMax() {
        return (m, s) -> belowMax(m);
    }
}
