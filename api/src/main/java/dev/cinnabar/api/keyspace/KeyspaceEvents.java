package dev.cinnabar.api.keyspace;

/**
 * The classes of keyspace notifications ({@code notify-keyspace-events}), with Redis's bit values
 * ({@code NOTIFY_*} in server.h). A command passes one of them to
 * {@link Database#notifyKeyspaceEvent} after each change, with the event name Redis uses
 * ({@code "set"}, {@code "lpush"}, {@code "rename_from"}...); the kernel publishes it only when
 * the class is enabled.
 */
public final class KeyspaceEvents {

    /** {@code K}: publish to {@code __keyspace@<db>__:<key>}. */
    public static final int KEYSPACE = 1;
    /** {@code E}: publish to {@code __keyevent@<db>__:<event>}. */
    public static final int KEYEVENT = 1 << 1;
    /** {@code g}: type-independent commands (DEL, EXPIRE, RENAME...). */
    public static final int GENERIC = 1 << 2;
    /** {@code $}: string commands. */
    public static final int STRING = 1 << 3;
    /** {@code l}: list commands. */
    public static final int LIST = 1 << 4;
    /** {@code s}: set commands. */
    public static final int SET = 1 << 5;
    /** {@code h}: hash commands. */
    public static final int HASH = 1 << 6;
    /** {@code z}: sorted set commands. */
    public static final int ZSET = 1 << 7;
    /** {@code x}: a key expired (sent by the kernel). */
    public static final int EXPIRED = 1 << 8;
    /** {@code e}: a key was evicted for maxmemory. */
    public static final int EVICTED = 1 << 9;
    /** {@code t}: stream commands. */
    public static final int STREAM = 1 << 10;
    /** {@code m}: a read found no key (sent by the kernel). */
    public static final int KEY_MISS = 1 << 11;
    /** {@code d}: module key types. */
    public static final int MODULE = 1 << 13;
    /** {@code n}: a key was created (sent by the kernel). */
    public static final int NEW = 1 << 14;
    /** {@code A}: every class but {@code m} and {@code n}, as Redis's {@code NOTIFY_ALL}. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    private KeyspaceEvents() {
    }
}
