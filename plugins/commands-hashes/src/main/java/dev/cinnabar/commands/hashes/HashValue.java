package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.ValueDigest;
import dev.cinnabar.api.keyspace.ValueType;

/**
 * A Redis hash. It starts in the {@code listpack} encoding ({@link PairList}: insertion order,
 * linear search) and moves for good to {@code hashtable} ({@link FieldTable}) once it holds more
 * than {@code hash-max-listpack-entries} fields or is given a field or value longer than
 * {@code hash-max-listpack-value} bytes, as Redis's {@code t_hash.c} does. Exactly one of the two
 * representations is present at any time.
 */
public final class HashValue implements RedisValue {

    /** The configuration parameters that bound the listpack encoding. */
    static final String MAX_LISTPACK_ENTRIES = "hash-max-listpack-entries";
    static final String MAX_LISTPACK_VALUE = "hash-max-listpack-value";

    private PairList pairs;
    private FieldTable table;

    HashValue() {
        pairs = new PairList(1);
    }

    private HashValue(PairList pairs, FieldTable table) {
        this.pairs = pairs;
        this.table = table;
    }

    /** The hash under {@code key} for reading: {@code null} when missing, WRONGTYPE for another type. */
    static HashValue read(Database db, byte[] key) {
        RedisValue v = db.lookupRead(key);
        if (v == null || v instanceof HashValue) {
            return (HashValue) v;
        }
        throw CommandException.wrongType();
    }

    /** The hash under {@code key} for writing, created empty and stored when missing ({@code hashTypeLookupWriteOrCreate}). */
    static HashValue writeOrCreate(Database db, byte[] key) {
        HashValue h = db.lookupWrite(key, HashValue.class);
        if (h == null) {
            h = new HashValue();
            db.set(key, h);
        }
        return h;
    }

    boolean isListpack() {
        return table == null;
    }

    int size() {
        return table == null ? pairs.size() : table.size();
    }

    byte[] get(byte[] field) {
        return table == null ? pairs.get(field) : table.get(field);
    }

    boolean contains(byte[] field) {
        return get(field) != null;
    }

    /**
     * Sets a field ({@code hashTypeSet}); whether it is new. Converts to {@code hashtable} when the
     * field count then exceeds {@code maxListpackEntries}, even after a mere update: the limit may
     * have been lowered with CONFIG SET since the hash grew, and Redis checks after every set.
     */
    boolean put(byte[] field, byte[] value, long maxListpackEntries) {
        if (table != null) {
            return table.put(field, value);
        }
        boolean added = pairs.put(field, value);
        if (pairs.size() > maxListpackEntries) {
            convertToTable();
        }
        return added;
    }

    boolean remove(byte[] field) {
        return table == null ? pairs.remove(field) : table.remove(field);
    }

    /**
     * Redis's {@code hashTypeTryConversion}: converts before anything is set when one of
     * {@code argv[from..to]} is longer than {@code maxListpackValue}.
     */
    void convertForArguments(byte[][] argv, int from, int to, long maxListpackValue) {
        if (table != null) {
            return;
        }
        for (int i = from; i <= to; i++) {
            if (argv[i].length > maxListpackValue) {
                convertToTable();
                return;
            }
        }
    }

    /** The check {@code hashTypeSet} makes itself, which matters for HINCRBY and HINCRBYFLOAT. */
    void convertForPair(byte[] field, byte[] value, long maxListpackValue) {
        if (table == null && (field.length > maxListpackValue || value.length > maxListpackValue)) {
            convertToTable();
        }
    }

    private void convertToTable() {
        int n = pairs.size();
        FieldTable t = new FieldTable(n);
        for (int i = 0; i < n; i++) {
            t.append(pairs.fieldAt(i), pairs.valueAt(i));
        }
        table = t;
        pairs = null;
    }

    /** The listpack pairs; only while {@link #isListpack()}. */
    PairList pairs() {
        return pairs;
    }

    /** The table; only while not {@link #isListpack()}. */
    FieldTable table() {
        return table;
    }

    /** Visits every pair: insertion order for listpack, bucket order for hashtable. */
    void forEach(FieldTable.PairVisitor visitor) {
        if (table != null) {
            table.forEach(visitor);
            return;
        }
        for (int i = 0, n = pairs.size(); i < n; i++) {
            visitor.visit(pairs.fieldAt(i), pairs.valueAt(i));
        }
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    public String encoding() {
        return table == null ? "listpack" : "hashtable";
    }

    @Override
    public HashValue copy() {
        return table == null ? new HashValue(pairs.copy(), null) : new HashValue(null, table.copy());
    }

    @Override
    public void digest(ValueDigest digest) {
        forEach((field, value) -> digest.unordered(field, value));
    }

    @Override
    public long memoryUsage() {
        long[] bytes = {table == null ? 16 + 16L * pairs.size() : 16 + 48L * table.size()};
        forEach((field, value) -> bytes[0] += 32 + field.length + value.length);
        return bytes[0];
    }
}
