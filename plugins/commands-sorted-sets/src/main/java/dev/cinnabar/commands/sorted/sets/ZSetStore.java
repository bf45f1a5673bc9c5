package dev.cinnabar.commands.sorted.sets;

/**
 * One encoding of a sorted set: elements ordered by score, ties by member bytes (unsigned, as
 * {@code memcmp}). Ranks are 0-based. Scores are never NaN, so NaN means "absent".
 */
interface ZSetStore {

    /** Visits one element; returns {@code false} to stop. */
    @FunctionalInterface
    interface EntryVisitor {
        boolean visit(byte[] member, double score);
    }

    /**
     * A monotone test over the order: true for every element before some point, false from there
     * on (such as "score below min"). Redis finds range starts by walking while it holds.
     */
    @FunctionalInterface
    interface Before {
        boolean test(byte[] member, double score);
    }

    int size();

    /** The member's score, or NaN when absent. */
    double score(byte[] member);

    /** Adds a member known to be absent. */
    void insert(byte[] member, double score);

    /** Changes the score of a member known to be present with {@code oldScore}. */
    void updateScore(byte[] member, double oldScore, double newScore);

    boolean remove(byte[] member);

    /** Ascending rank, or -1 when absent. */
    int rank(byte[] member);

    /** Number of leading elements for which {@code before} holds (as Redis's range searches). */
    int countBefore(Before before);

    /**
     * The rank where Redis's search for the last element of a range stops, -1 for none: the
     * skiplist descends while {@code before} holds; the listpack walks back from the tail to the
     * first element where it holds. They differ only when members are out of order (lex ranges
     * over mixed scores), where Redis's answers differ too.
     */
    int lastWhere(Before before);

    /** Visits from {@code rank} forwards (or backwards when {@code reverse}) until the visitor stops or the end. */
    void visit(int rank, boolean reverse, EntryVisitor visitor);

    /** Removes ranks {@code [from, to)}. */
    void removeRanks(int from, int to);

    byte[] memberAt(int rank);

    double scoreAt(int rank);

    /** One step of {@code ZSCAN}: visits some elements and returns the next cursor, 0 when done. */
    long scan(long cursor, EntryVisitor visitor);

    long memoryUsage();
}
