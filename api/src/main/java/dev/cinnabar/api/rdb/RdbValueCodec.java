package dev.cinnabar.api.rdb;

import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;

import java.util.Set;

/**
 * The RDB encoding of the values of one data type, owned by the plugin that owns the type
 * (registered with {@link dev.cinnabar.api.command.CommandRegistrar#rdbValueCodec}). The kernel
 * uses it for snapshots ({@code SAVE}, loading at start-up, {@code DEBUG RELOAD}) and for
 * {@code DUMP}/{@code RESTORE} payloads, which are the same bytes minus the key.
 *
 * <p>Writing picks the type byte Redis 7.0 would write for the value's current encoding
 * ({@code OBJECT ENCODING}); reading builds the value with the encoding Redis would pick on load
 * (its conversions by the {@code *-max-listpack-*} / {@code set-max-intset-entries} limits).
 *
 * @since 1.3.0
 */
public interface RdbValueCodec {

    /** The value classes this codec writes ({@code value.getClass()} is looked up exactly). */
    Set<Class<? extends RedisValue>> valueClasses();

    /** The RDB value type bytes this codec reads (e.g. 16 and 4 for hashes). */
    Set<Integer> types();

    /** The type byte Redis writes for {@code value} in its current encoding ({@code rdbSaveObjectType}). */
    int type(RedisValue value);

    /**
     * Writes the value after its type byte (and, in a snapshot, its key): {@code rdbSaveObject}.
     * Strings go through {@link RdbWriter#string(byte[], boolean)} with {@code compress} (the
     * {@code rdbcompression} setting); {@code config} gives the encoding limits where needed.
     */
    void write(RedisValue value, RdbWriter out, boolean compress, ConfigView config);

    /**
     * Reads one value of {@code type} (the type byte already read). Must check every length and
     * structure against the bytes present (a forged payload may claim anything) and refuse
     * duplicates as Redis does. An empty collection is returned as {@code null}: Redis skips such
     * keys in a file and refuses them in {@code RESTORE}.
     *
     * @throws RdbReader.Malformed when the bytes are not a valid value of that type
     */
    RedisValue read(int type, RdbReader in, ConfigView config) throws RdbReader.Malformed;

    /**
     * Whether a background save may call {@link #write} for {@code value} on its writer thread
     * while the executor goes on, instead of encoding it on the executor in one go. Worth it for
     * large values only. Answer true only if the type's reads change nothing that {@code write}
     * reads: until the write is done the executor may still read the value (concurrently with
     * it), and a change in place ({@code Database.lookupWrite}) waits for it. Default: never.
     *
     * @since 1.6.0
     */
    default boolean writableElsewhere(RedisValue value) {
        return false;
    }

    /** The number of elements from which the built-in types let a background save encode a value elsewhere. */
    int LARGE_VALUE_ELEMENTS = 2048;

    /**
     * The commands that rebuild {@code value} under {@code key} in an AOF base written without an
     * RDB preamble ({@code aof-use-rdb-preamble no}), as Redis's {@code rewriteAppendOnlyFileRio}
     * writes them (for instance {@code RPUSH key e1 ... e64}, at most
     * {@link #REWRITE_ITEMS_PER_COMMAND} items a command). Returns false, having emitted nothing,
     * to have the key written as {@code RESTORE key 0 <DUMP payload>} instead.
     *
     * @since 1.4.0
     */
    default boolean rewrite(byte[] key, RedisValue value, java.util.function.Consumer<byte[][]> commands) {
        return false;
    }

    /** Redis's {@code AOF_REWRITE_ITEMS_PER_CMD}. */
    int REWRITE_ITEMS_PER_COMMAND = 64;
}
