package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.PersistenceContributor;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.kernel.Version;
import dev.cinnabar.kernel.keyspace.KernelDatabase;
import dev.cinnabar.kernel.keyspace.KeyAccess;
import dev.cinnabar.kernel.keyspace.Keyspace;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A whole RDB file (version 10) in memory: {@link #write} as Redis 7.0's {@code rdbSaveRio},
 * {@link #load} as its {@code rdbLoadRio}. See the package documentation for the layout.
 */
public final class RdbFile {

    static final int OPCODE_MODULE_AUX = 247;
    static final int OPCODE_IDLE = 248;
    static final int OPCODE_FREQ = 249;
    static final int OPCODE_AUX = 250;
    static final int OPCODE_RESIZEDB = 251;
    static final int OPCODE_EXPIRETIME_MS = 252;
    static final int OPCODE_EXPIRETIME = 253;
    static final int OPCODE_SELECTDB = 254;
    static final int OPCODE_EOF = 255;

    private RdbFile() {
    }

    /**
     * What a load found, for INFO and the log; {@code end} is the offset just past the file's
     * checksum (an AOF with an RDB preamble goes on with commands there).
     */
    public record LoadResult(long keysLoaded, long keysExpired, long emptySkipped, int end) {
    }

    /**
     * The RDB encoding of a snapshot: AUX fields and the contributors' records (function
     * libraries) as they are when it is made, then per database SELECTDB and RESIZEDB, each key
     * (with EXPIRETIME_MS), EOF and the CRC64 (zero with {@code rdbchecksum no}). The settings
     * that shape the bytes are frozen at creation. {@code aofBase} sets the {@code aof-base} AUX
     * field (an AOF base file).
     */
    public static SnapshotEncoder encoder(RdbCodecs codecs, List<PersistenceContributor> contributors,
                                          ConfigView liveConfig, boolean aofBase) {
        ConfigView config = FrozenConfig.of(liveConfig);
        RdbWriter records = new RdbWriter(256);
        for (PersistenceContributor c : contributors) {
            c.save(records);
        }
        byte[] contributorRecords = records.toByteArray();
        boolean compress = config.getBoolean("rdbcompression");
        boolean checksum = config.getBoolean("rdbchecksum");
        String policy = config.get("maxmemory-policy");
        boolean saveIdle = policy != null && policy.endsWith("-lru");
        boolean saveFreq = policy != null && policy.endsWith("-lfu");
        return new SnapshotEncoder() {
            @Override
            public void header(RdbWriter w) {
                byte[] magic = ("REDIS" + String.format("%04d", RdbWriter.RDB_VERSION)).getBytes(StandardCharsets.US_ASCII);
                w.raw(magic, 0, magic.length);
                aux(w, "redis-ver", Version.REDIS);
                aux(w, "redis-bits", "64");
                aux(w, "ctime", Long.toString(System.currentTimeMillis() / 1000));
                Runtime rt = Runtime.getRuntime();
                aux(w, "used-mem", Long.toString(rt.totalMemory() - rt.freeMemory()));
                aux(w, "aof-base", aofBase ? "1" : "0");
                w.raw(contributorRecords, 0, contributorRecords.length);
            }

            @Override
            public void database(RdbWriter w, int db, long keys, long volatileKeys) {
                w.type(OPCODE_SELECTDB).length(db);
                w.type(OPCODE_RESIZEDB).length(keys).length(volatileKeys);
            }

            @Override
            public void entry(RdbWriter w, byte[] key, RedisValue value, long expireAt, KeyAccess access) {
                RdbValueCodec codec = entryHead(w, key, value, expireAt, access);
                codec.write(value, w, compress, config);
            }

            @Override
            public java.util.function.Consumer<RdbWriter> entryLendingValue(RdbWriter w, byte[] key, RedisValue value,
                                                                            long expireAt, KeyAccess access) {
                RdbValueCodec codec = entryHead(w, key, value, expireAt, access);
                if (codec.writableElsewhere(value)) {
                    return out -> codec.write(value, out, compress, config);
                }
                codec.write(value, w, compress, config);
                return null;
            }

            /** The entry up to its value's bytes; returns the value's codec. */
            private RdbValueCodec entryHead(RdbWriter w, byte[] key, RedisValue value, long expireAt, KeyAccess access) {
                RdbValueCodec codec = codecs.forValue(value);
                if (codec == null) {
                    throw new IllegalStateException("no RDB encoding for values of " + value.getClass().getName());
                }
                if (expireAt >= 0) {
                    w.type(OPCODE_EXPIRETIME_MS).int64(expireAt);
                }
                // rdbSaveKeyValuePair: access data only under a policy that keeps it
                if (saveIdle) {
                    w.type(OPCODE_IDLE).length(access.idleSeconds());
                } else if (saveFreq) {
                    w.type(OPCODE_FREQ).type(access.frequency());
                }
                w.type(codec.type(value));
                w.string(key, compress);
                return codec;
            }

            @Override
            public void end(RdbWriter w) {
                w.type(OPCODE_EOF);
            }

            @Override
            public byte[] trailer(long crc64) {
                return new RdbWriter(8).int64(checksum ? crc64 : 0).toByteArray();
            }

            @Override
            public boolean wantsCrc() {
                return checksum;
            }
        };
    }

    private static void aux(RdbWriter w, String key, String value) {
        w.type(OPCODE_AUX);
        w.string(key.getBytes(StandardCharsets.US_ASCII), true);
        w.string(value.getBytes(StandardCharsets.US_ASCII), true);
    }

    /** {@code rdbIsObjectType}: 0..7 and 9..19. */
    static boolean isObjectType(int t) {
        return (t >= 0 && t <= 7) || (t >= 9 && t <= 19);
    }

    /**
     * Loads {@code data} into the (already emptied) keyspace, as a master loads an RDB file: keys
     * whose expire time is past are dropped, empty collections skipped, contributors' records
     * handed to them. Stops at the first problem; what was loaded until then stays.
     *
     * @throws RdbReader.Malformed with Redis's wording of the problem
     */
    public static LoadResult load(byte[] data, Keyspace keyspace, RdbCodecs codecs,
                                  List<PersistenceContributor> contributors, CommandContext ctx,
                                  ConfigView config, long now, boolean merge) throws RdbReader.Malformed {
        return load(data, keyspace, codecs, contributors, ctx, config, now, merge, bytes -> { });
    }

    /** As above; {@code progress} is told after each key how many more bytes of {@code data} were read. */
    public static LoadResult load(byte[] data, Keyspace keyspace, RdbCodecs codecs,
                                  List<PersistenceContributor> contributors, CommandContext ctx,
                                  ConfigView config, long now, boolean merge,
                                  java.util.function.LongConsumer progress) throws RdbReader.Malformed {
        if (data.length < 9 || !new String(data, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) {
            throw new RdbReader.Malformed("Wrong signature trying to load DB from file");
        }
        int version = 0;
        for (int i = 5; i < 9; i++) {
            int d = data[i] - '0';
            if (d < 0 || d > 9) {
                break; // atoi stops at the first non-digit
            }
            version = version * 10 + d;
        }
        if (version < 1 || version > RdbWriter.RDB_VERSION) {
            throw new RdbReader.Malformed("Can't handle RDB format version " + version);
        }
        RdbReader in = new RdbReader(data, 9, data.length);
        KernelDatabase db = keyspace.db(0);
        long expireAt = -1;
        long loaded = 0, expired = 0, empty = 0;
        long idle = -1;
        int freq = -1;
        int reported = in.position();
        while (true) {
            int type = in.type();
            switch (type) {
                case OPCODE_EXPIRETIME:
                    expireAt = in.int32() * 1000;
                    continue;
                case OPCODE_EXPIRETIME_MS:
                    expireAt = in.int64();
                    continue;
                case OPCODE_FREQ:
                    freq = in.type();
                    continue;
                case OPCODE_IDLE:
                    idle = in.length();
                    continue;
                case OPCODE_EOF:
                    break;
                case OPCODE_SELECTDB: {
                    long id = in.length();
                    if (id >= keyspace.count()) {
                        throw new RdbReader.Malformed("FATAL: Data file was created with a Redis server configured to handle more than "
                                + keyspace.count() + " databases. Exiting");
                    }
                    db = keyspace.db((int) id);
                    continue;
                }
                case OPCODE_RESIZEDB: {
                    long size = in.length();
                    in.length();
                    // a key takes 3 bytes of the file at the least: a forged size cannot reserve more
                    db.reserve(Math.min(size, in.remaining() / 3));
                    continue;
                }
                case OPCODE_AUX:
                    in.string();
                    in.string();
                    continue;
                case OPCODE_MODULE_AUX:
                    throw new RdbReader.Malformed("The RDB file contains AUX module data I can't load: no matching module");
                default:
                    break;
            }
            if (type == OPCODE_EOF) {
                break;
            }
            if (!isObjectType(type)) {
                PersistenceContributor owner = null;
                for (PersistenceContributor c : contributors) {
                    if (c.recordTypes().contains(type)) {
                        owner = c;
                    }
                }
                if (owner == null) {
                    throw new RdbReader.Malformed("Unknown RDB encoding type " + type);
                }
                owner.load(ctx, type, in);
                continue;
            }
            byte[] key = in.string();
            RdbValueCodec codec = codecs.forType(type);
            if (codec == null) {
                throw new RdbReader.Malformed("Unknown RDB encoding type " + type);
            }
            RedisValue value = codec.read(type, in, config);
            long keyExpire = expireAt;
            long keyIdle = idle;
            int keyFreq = freq;
            expireAt = -1;
            idle = -1;
            freq = -1;
            if (value == null) {
                empty++;
                continue;
            }
            if (keyExpire >= 0 && keyExpire < now) {
                expired++;
                continue;
            }
            if (merge) {
                db.delete(key);
            }
            if (!db.loadEntry(key, value, keyExpire)) {
                throw new RdbReader.Malformed("Duplicated key found in RDB file");
            }
            if (keyIdle >= 0 || keyFreq >= 0) {
                db.setAccess(key, keyIdle, keyFreq);
            }
            loaded++;
            progress.accept(in.position() - reported);
            reported = in.position();
        }
        if (version >= 5) {
            int at = in.position();
            long expected = in.int64();
            if (expected != 0 && config.getBoolean("rdbchecksum")) {
                long actual = dev.cinnabar.api.rdb.Crc64.update(0, data, 0, at);
                if (actual != expected) {
                    throw new RdbReader.Malformed(String.format("Wrong RDB checksum expected: (%x) but got (%x). Aborting now.",
                            actual, expected));
                }
            }
        }
        return new LoadResult(loaded, expired, empty, in.position());
    }
}
