package dev.cinnabar.api.keyspace;

/**
 * A value stored under a key. Strings are {@link StringValue}; the data-type plugins supply the
 * other implementations (hashes, lists, ...). Values are mutable and owned by the keyspace: a
 * command may change a value it looked up for writing, and then calls
 * {@link Database#modified(byte[])}.
 */
public interface RedisValue {

    /** The Redis type. */
    ValueType type();

    /** What {@code OBJECT ENCODING} reports: {@code int}, {@code embstr}, {@code raw}, {@code listpack}... */
    String encoding();

    /** A deep copy, for {@code COPY}. */
    RedisValue copy();

    /**
     * Feeds the value to {@code DEBUG DIGEST}: the same logical content must produce the same
     * calls, whatever the encoding (unordered collections feed their elements in a canonical order
     * or through {@link ValueDigest#unordered}).
     */
    void digest(ValueDigest digest);

    /** An estimate of the heap bytes this value holds, for {@code MEMORY USAGE} and INFO. */
    long memoryUsage();
}
