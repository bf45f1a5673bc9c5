package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.kernel.keyspace.KeyAccess;

import java.util.function.Consumer;

/**
 * The bytes of one kind of snapshot file: an RDB file, or an AOF base of commands. The parts
 * arrive in file order except entries, which come per database in any order.
 */
public interface SnapshotEncoder {

    /** What comes first (RDB: magic, AUX fields, function libraries). */
    void header(RdbWriter w);

    /** What opens a database's keys ({@code keys} of them, {@code volatileKeys} with an expire time). */
    void database(RdbWriter w, int db, long keys, long volatileKeys);

    /**
     * One key; {@code expireAt} in unix milliseconds, -1 for none; {@code access} read only when
     * the file records access data. Executor thread.
     */
    void entry(RdbWriter w, byte[] key, RedisValue value, long expireAt, KeyAccess access);

    /**
     * As {@link #entry}, except for a large value whose bytes may be written on another thread
     * ({@code RdbValueCodec.writableElsewhere}): then only the entry's bytes before the value's
     * are written, and the writing of the value's is returned for a background save's writer
     * thread. Null when the whole entry was written.
     */
    default Consumer<RdbWriter> entryLendingValue(RdbWriter w, byte[] key, RedisValue value, long expireAt,
                                                  KeyAccess access) {
        entry(w, key, value, expireAt, access);
        return null;
    }

    /** What closes the content (RDB: the EOF opcode). */
    void end(RdbWriter w);

    /** The bytes after everything, given the CRC64 of everything before them (RDB: the checksum). */
    byte[] trailer(long crc64);

    /** Whether {@link #trailer} needs a real CRC64 (computing one costs a pass over the bytes). */
    boolean wantsCrc();
}
