package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.CommandException;

/** A score interval as {@code zslParseRange} reads it: {@code (} makes a bound exclusive. */
record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {

    static ScoreRange parse(byte[] min, byte[] max) {
        try {
            boolean minEx = min.length > 0 && min[0] == '(';
            boolean maxEx = max.length > 0 && max[0] == '(';
            return new ScoreRange(Scores.parseBound(min, minEx ? 1 : 0), minEx,
                    Scores.parseBound(max, maxEx ? 1 : 0), maxEx);
        } catch (NumberFormatException e) {
            throw new CommandException(SortedSetErrors.MIN_MAX_NOT_FLOAT);
        }
    }

    /** Whether the range cannot hold anything (zslIsInRange's first test). */
    boolean isEmpty() {
        return min > max || (min == max && (minExclusive || maxExclusive));
    }

    boolean aboveMin(double s) {
        return minExclusive ? s > min : s >= min;
    }

    boolean belowMax(double s) {
        return maxExclusive ? s < max : s <= max;
    }

    /** Elements before the range: all whose score fails the min bound. */
    ZSetStore.Before beforeMin() {
        return (m, s) -> !aboveMin(s);
    }

    /** Elements up to the end of the range: all whose score meets the max bound. */
    ZSetStore.Before throughMax() {
        return (m, s) -> belowMax(s);
    }
}
