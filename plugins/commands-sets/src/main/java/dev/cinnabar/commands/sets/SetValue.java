package dev.cinnabar.commands.sets;

import dev.cinnabar.api.keyspace.MemberCollection;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.ValueDigest;
import dev.cinnabar.api.keyspace.ValueType;
import dev.cinnabar.api.reply.ReplySink;

/**
 * A Redis set ({@code t_set.c}): {@code intset} while every member is a canonical 64-bit integer
 * and the count stays within {@code set-max-intset-entries}, else {@code hashtable}. As in Redis
 * 7.0, the conversion goes one way only: a set that became a hashtable stays one.
 *
 * <p>Members are addressed by a dense index {@code 0..size-1} (numeric order for an intset), which
 * serves iteration, replies and random picks alike; removing a member may renumber others.
 *
 * <p>As a {@link MemberCollection} it is readable by other plugins: the sorted-set commands take
 * sets as sources.
 */
final class SetValue implements RedisValue, MemberCollection {

    /** Redis caps intsets at 1G entries whatever the configuration says ({@code setTypeAdd}). */
    private static final long INTSET_HARD_LIMIT = 1L << 30;

    private IntSet ints;
    private MemberTable table;

    private SetValue(IntSet ints, MemberTable table) {
        this.ints = ints;
        this.table = table;
    }

    /** An empty set in the intset encoding ({@code createIntsetObject}), for computed results. */
    static SetValue emptyIntset() {
        return new SetValue(new IntSet(4), null);
    }

    /** An empty set for {@code first} as its first member ({@code setTypeCreate}). */
    static SetValue createFor(byte[] first) {
        return isCanonicalLong(first) ? emptyIntset() : new SetValue(null, new MemberTable(4));
    }

    /** The intset, only while {@link #isIntset()}. */
    IntSet ints() {
        return ints;
    }

    /** A set built from an RDB record. */
    static SetValue of(IntSet ints, MemberTable table) {
        return new SetValue(ints, table);
    }

    boolean isIntset() {
        return ints != null;
    }

    int size() {
        return ints != null ? ints.size() : table.size();
    }

    /** Adds {@code m} (taking ownership of the array); whether it was new. */
    boolean add(byte[] m, long maxIntsetEntries) {
        if (ints != null) {
            if (isCanonicalLong(m)) {
                if (!ints.add(parse(m))) {
                    return false;
                }
                if (ints.size() > Math.min(maxIntsetEntries, INTSET_HARD_LIMIT)) {
                    convertToTable();
                }
                return true;
            }
            convertToTable();
        }
        return table.add(m);
    }

    /** Adds the member at index {@code i} of {@code from}, sharing its bytes (members are never changed in place). */
    boolean addFrom(SetValue from, int i, long maxIntsetEntries) {
        if (from.ints != null && ints != null) {
            if (!ints.add(from.ints.at(i))) {
                return false;
            }
            if (ints.size() > Math.min(maxIntsetEntries, INTSET_HARD_LIMIT)) {
                convertToTable();
            }
            return true;
        }
        return add(from.memberAt(i), maxIntsetEntries);
    }

    boolean remove(byte[] m) {
        if (ints != null) {
            return isCanonicalLong(m) && ints.remove(parse(m));
        }
        return table.remove(m);
    }

    boolean contains(byte[] m) {
        if (ints != null) {
            return isCanonicalLong(m) && ints.contains(parse(m));
        }
        return table.contains(m);
    }

    /** Removes member {@code i} of {@code other} if present, without formatting intset members when both are intsets. */
    boolean removeMemberOf(SetValue other, int i) {
        if (ints != null && other.ints != null) {
            return ints.remove(other.ints.at(i));
        }
        if (ints == null && other.ints == null) {
            return table.remove(other.table.at(i));
        }
        return remove(other.memberAt(i));
    }

    /** Whether member {@code i} of {@code other} is in this set, without formatting intset members when both are intsets. */
    boolean containsMemberOf(SetValue other, int i) {
        if (ints != null && other.ints != null) {
            return ints.contains(other.ints.at(i));
        }
        if (ints == null && other.ints == null) {
            return table.contains(other.table.at(i));
        }
        return contains(other.memberAt(i));
    }

    /** Member {@code i} as bytes (an intset member is formatted in decimal). */
    byte[] memberAt(int i) {
        return ints != null ? Numbers.toBytes(ints.at(i)) : table.at(i);
    }

    /** Writes member {@code i} as a bulk string. */
    void replyMember(int i, ReplySink reply) {
        if (ints != null) {
            reply.bulk(ints.at(i));
        } else {
            reply.bulk(table.at(i));
        }
    }

    void removeAt(int i) {
        if (ints != null) {
            ints.removeAt(i);
        } else {
            table.removeAt(i);
        }
    }

    /** A uniformly random member index; the set must not be empty. */
    int randomIndex() {
        return ints != null
                ? java.util.concurrent.ThreadLocalRandom.current().nextInt(ints.size())
                : table.randomIndex();
    }

    /**
     * One SSCAN step over a hashtable set ({@code dictScan}): visits one bucket, returns the next
     * cursor. Intsets are not scanned in steps: SSCAN returns them whole.
     */
    long scan(long cursor, MemberTable.MemberVisitor visitor) {
        return table.scan(cursor, visitor);
    }

    /** Converts a loaded intset that exceeds {@code set-max-intset-entries}. */
    void convertForLoad() {
        if (ints != null) {
            convertToTable();
        }
    }

    private void convertToTable() {
        MemberTable t = new MemberTable(ints.size());
        for (int i = 0; i < ints.size(); i++) {
            t.add(Numbers.toBytes(ints.at(i)));
        }
        table = t;
        ints = null;
    }

    @Override
    public int memberCount() {
        return size();
    }

    @Override
    public boolean containsMember(byte[] member) {
        return contains(member);
    }

    @Override
    public void forEachMember(MemberCollection.MemberVisitor visitor) {
        int n = size();
        for (int i = 0; i < n && visitor.visit(memberAt(i)); i++) {
            // memberAt gives the table's own arrays, which are never edited in place
        }
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    public String encoding() {
        return ints != null ? "intset" : "hashtable";
    }

    @Override
    public RedisValue copy() {
        return ints != null ? new SetValue(ints.copy(), null) : new SetValue(null, table.copy());
    }

    @Override
    public void digest(ValueDigest digest) {
        int n = size();
        for (int i = 0; i < n; i++) {
            digest.unordered(memberAt(i));
        }
    }

    @Override
    public long memoryUsage() {
        return 16 + (ints != null ? ints.memoryUsage() : table.memoryUsage());
    }

    /** Redis's {@code string2ll} acceptance: what an intset may hold. */
    static boolean isCanonicalLong(byte[] m) {
        return m.length <= 20 && Numbers.isCanonicalLong(m, 0, m.length);
    }

    /** Parses a member already known to be canonical. */
    private static long parse(byte[] m) {
        boolean neg = m[0] == '-';
        long v = 0;
        for (int i = neg ? 1 : 0; i < m.length; i++) {
            v = v * 10 - (m[i] - '0');
        }
        return neg ? v : -v;
    }
}
