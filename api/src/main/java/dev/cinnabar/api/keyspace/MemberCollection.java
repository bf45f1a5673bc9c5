package dev.cinnabar.api.keyspace;

/**
 * A value read as a collection of distinct members without scores or order: what a Redis set is.
 * It lets one plugin read another plugin's value without a compile dependency between the two:
 * the sorted-set commands ({@code ZUNION}, {@code ZINTER}, {@code ZDIFF}, {@code ZINTERCARD} and
 * the STORE forms) accept plain sets as sources, each member with score 1, as Redis's
 * {@code zuiInitIterator} does for {@code OBJ_SET}. The data-type plugin whose value has
 * {@link ValueType#SET} implements it; readers check the type as well as this interface.
 *
 * <p>Member arrays handed out are never changed afterwards by the value (members are replaced,
 * not edited in place), so a reader may keep them in a result; it must not modify them.
 */
public interface MemberCollection {

    /** Visits one member; returns {@code false} to stop the walk. */
    @FunctionalInterface
    interface MemberVisitor {
        boolean visit(byte[] member);
    }

    /** The number of members. */
    int memberCount();

    /** Whether {@code member} is one of the members. */
    boolean containsMember(byte[] member);

    /** Visits the members in the value's own (unspecified) order until {@code visitor} returns false. */
    void forEachMember(MemberVisitor visitor);
}
