package dev.cinnabar.kernel.aof;

import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.kernel.keyspace.KeyAccess;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.kernel.persistence.RdbCodecs;
import dev.cinnabar.kernel.persistence.FrozenConfig;
import dev.cinnabar.kernel.persistence.SnapshotEncoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A base file of commands ({@code aof-use-rdb-preamble no}): the contributors' commands (FUNCTION
 * LOAD) first, then per database {@code SELECT}, and per key {@code SET} for strings, the
 * commands its type's codec gives ({@code RdbValueCodec.rewrite}: RPUSH, SADD, ZADD, HMSET with at
 * most 64 items each, as Redis writes them) or else {@code RESTORE key 0 <payload>}, followed by
 * {@code PEXPIREAT} for keys with a TTL.
 */
final class BaseCommands {

    private BaseCommands() {
    }

    /**
     * The encoder of such a base file: {@code timestamp} (a {@code #TS:} annotation, or null) and
     * {@code contributorCommands} come first.
     */
    static SnapshotEncoder encoder(RdbCodecs codecs, byte[] timestamp, List<byte[][]> contributorCommands,
                                   ConfigView liveConfig) {
        ConfigView config = FrozenConfig.of(liveConfig);
        boolean compress = config.getBoolean("rdbcompression");
        return new SnapshotEncoder() {
            @Override
            public void header(RdbWriter w) {
                if (timestamp != null) {
                    w.raw(timestamp, 0, timestamp.length);
                }
                for (byte[][] c : contributorCommands) {
                    command(w, c);
                }
            }

            @Override
            public void database(RdbWriter w, int db, long keys, long volatileKeys) {
                command(w, b("SELECT"), ascii(Integer.toString(db)));
            }

            @Override
            public void entry(RdbWriter w, byte[] key, RedisValue v, long expireAt, KeyAccess access) {
                if (v instanceof StringValue sv) {
                    command(w, b("SET"), key, sv.toBytes());
                } else {
                    RdbValueCodec codec = codecs.forValue(v);
                    if (codec == null) {
                        throw new IllegalStateException("no RDB encoding for values of " + v.getClass().getName());
                    }
                    if (codec.rewrite(key, v, c -> command(w, c))) {
                        if (expireAt >= 0) {
                            command(w, b("PEXPIREAT"), key, ascii(Long.toString(expireAt)));
                        }
                        return;
                    }
                    RdbWriter payload = new RdbWriter(64);
                    payload.type(codec.type(v));
                    codec.write(v, payload, compress, config);
                    command(w, b("RESTORE"), key, b("0"), payload.finishDump());
                }
                if (expireAt >= 0) {
                    command(w, b("PEXPIREAT"), key, ascii(Long.toString(expireAt)));
                }
            }

            @Override
            public void end(RdbWriter w) {
            }

            @Override
            public byte[] trailer(long crc64) {
                return new byte[0];
            }

            @Override
            public boolean wantsCrc() {
                return false;
            }
        };
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void command(RdbWriter out, byte[]... argv) {
        ascii(out, "*" + argv.length + "\r\n");
        for (byte[] a : argv) {
            ascii(out, "$" + a.length + "\r\n");
            out.raw(a, 0, a.length);
            out.raw(CRLF, 0, 2);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static void ascii(RdbWriter out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.raw(b, 0, b.length);
    }
}
