package dev.cinnabar.api.keyspace;

import dev.cinnabar.api.command.CommandException;

/**
 * One numbered database ({@code SELECT n}): binary keys mapped to values, each key with an
 * optional absolute expiry in Unix milliseconds.
 *
 * <p>Every lookup applies lazy expiry against the command's frozen clock
 * ({@link dev.cinnabar.api.command.CommandContext#now()}): a key whose expiry has passed is
 * deleted and reported missing. Keys are byte arrays that the database takes ownership of on
 * insertion; callers must not change them afterwards.
 *
 * <p>Write methods signal the key as modified (for {@code WATCH}); a command that changes a
 * value in place after {@link #lookupWrite} must call {@link #modified(byte[])} itself.
 *
 * <p>Each write also counts as one change in the counter Redis calls {@code server.dirty}
 * ({@code rdb_changes_since_last_save}, compared with the {@code save} points): {@link #set},
 * {@link #setKeepTtl}, {@link #delete} of a present key, {@link #setExpire}, {@link #persist} that
 * removed an expiry and {@link #modified(byte[])} count one each, {@link #clear} the keys it
 * removes. A key deleted because its expiry passed counts nothing, as in Redis. Where Redis counts
 * otherwise, say so with {@link #modified(byte[], long)} or
 * {@link dev.cinnabar.api.command.CommandContext#countChanges}.
 */
public interface Database {

    /** Marker returned by {@link #getExpire} for a key without expiry. */
    long NO_EXPIRE = -1;

    /** Marker returned by {@link #getExpire} for a missing key. */
    long NO_KEY = -2;

    /** This database's index. */
    int id();

    /**
     * Looks a key up for reading: lazy expiry, {@code keyspace_hits}/{@code keyspace_misses},
     * access time. Returns {@code null} when missing.
     */
    RedisValue lookupRead(byte[] key);

    /** Looks a key up for writing: lazy expiry, no hit/miss statistics. {@code null} when missing. */
    RedisValue lookupWrite(byte[] key);

    /**
     * Looks a key up for reading without updating its access time, as Redis's
     * {@code LOOKUP_NOTOUCH} lookups do ({@code TYPE}, {@code EXISTS}, {@code TTL}, {@code OBJECT}):
     * lazy expiry and {@code keyspace_hits}/{@code keyspace_misses} apply. {@code null} when missing.
     */
    RedisValue lookupReadNoTouch(byte[] key);

    /** Looks a key up with lazy expiry but without touching statistics or access time. */
    RedisValue peek(byte[] key);

    /**
     * Milliseconds since the key was last accessed, at the one-second resolution of Redis's LRU
     * clock ({@code OBJECT IDLETIME}); -1 when the key is missing. Does not touch the key.
     */
    long idleMillis(byte[] key);

    /**
     * The key's logarithmic access-frequency counter (0..255) with decay applied, as Redis's LFU
     * policies keep it ({@code OBJECT FREQ}); -1 when the key is missing. Does not touch the key.
     */
    int accessFrequency(byte[] key);

    /** Whether the key exists (lazy expiry applies). */
    default boolean exists(byte[] key) {
        return peek(key) != null;
    }

    /**
     * Looks a string up for reading: {@code null} when missing, the value when a string, and
     * throws the {@code WRONGTYPE} error otherwise.
     */
    default StringValue getString(byte[] key) {
        RedisValue v = lookupRead(key);
        if (v == null || v instanceof StringValue) {
            return (StringValue) v;
        }
        throw CommandException.wrongType();
    }

    /**
     * Looks a value of type {@code type} up for writing; {@code null} when missing, throws
     * {@code WRONGTYPE} when the key holds another type.
     */
    default <T extends RedisValue> T lookupWrite(byte[] key, Class<T> type) {
        RedisValue v = lookupWrite(key);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw CommandException.wrongType();
        }
        return type.cast(v);
    }

    /** Stores {@code value}, replacing any value and clearing any expiry ({@code SET}). */
    void set(byte[] key, RedisValue value);

    /** Stores {@code value}, keeping the key's expiry if it had one ({@code SET ... KEEPTTL}, {@code SETRANGE}...). */
    void setKeepTtl(byte[] key, RedisValue value);

    /** Stores {@code value} with an absolute expiry in Unix milliseconds. */
    void set(byte[] key, RedisValue value, long expireAtMillis);

    /** Deletes the key; whether it existed. */
    boolean delete(byte[] key);

    /** The absolute expiry in Unix ms, {@link #NO_EXPIRE} or {@link #NO_KEY}. */
    long getExpire(byte[] key);

    /** Sets the expiry of an existing key; whether the key existed. */
    boolean setExpire(byte[] key, long expireAtMillis);

    /** Removes the expiry; whether there was one. */
    boolean persist(byte[] key);

    /** Signals that the value under {@code key} changed in place ({@code WATCH}, keyspace events). */
    void modified(byte[] key);

    /**
     * Signals that the value under {@code key} changed in place, as {@link #modified(byte[])}
     * ({@code WATCH} and blocked clients see one modification), counting {@code changes} in the
     * change counter instead of one: what Redis adds to {@code server.dirty} for it, such as the
     * number of elements {@code RPUSH} pushed or {@code HDEL} removed. Zero is allowed (a value
     * rewritten in place that Redis does not count, as the {@code SETBIT} that created it).
     *
     * @since 1.5.0
     */
    default void modified(byte[] key, long changes) {
        modified(key);
    }

    /**
     * Publishes keyspace notification {@code event} of class {@code type} (a
     * {@link KeyspaceEvents} constant) for {@code key} in this database, as Redis's
     * {@code notifyKeyspaceEvent}. Nothing happens (beyond one test) when the class is not enabled
     * in {@code notify-keyspace-events}. The kernel itself sends {@code expired}, {@code new} and
     * {@code keymiss}; commands send the rest, after the change, in Redis's order.
     *
     * @since 1.1.0
     */
    default void notifyKeyspaceEvent(int type, String event, byte[] key) {
    }

    /** Number of keys, counting expired keys not yet reclaimed (as {@code DBSIZE}). */
    long size();

    /** Number of keys with an expiry. */
    long expiresCount();

    /** Removes every key. */
    void clear();

    /** A random live key, or {@code null} when the database is empty. */
    byte[] randomKey();

    /**
     * One step of a cursor iteration over the keys ({@code SCAN}): visits the keys of some
     * buckets and returns the next cursor, 0 when done. Guarantees of {@code SCAN}: a key present
     * for the whole iteration is visited at least once. Expired keys are skipped.
     */
    long scan(long cursor, int count, KeyVisitor visitor);

    /** Visits every live key; the visitor must not modify the database. */
    void forEachKey(KeyVisitor visitor);

    /** Receives keys during a scan; must not modify the database. */
    @FunctionalInterface
    interface KeyVisitor {
        void visit(byte[] key, RedisValue value);
    }
}
