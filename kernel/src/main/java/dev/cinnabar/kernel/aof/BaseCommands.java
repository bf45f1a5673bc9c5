package dev.cinnabar.kernel.aof;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.kernel.keyspace.KeyspaceSnapshot;
import dev.cinnabar.kernel.persistence.RdbCodecs;
import dev.cinnabar.kernel.persistence.RdbFile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A base file of commands ({@code aof-use-rdb-preamble no}): the contributors' commands (FUNCTION
 * LOAD) first, then per database {@code SELECT}, and per key {@code SET} for strings and
 * {@code RESTORE key 0 <payload>} for the other types, followed by {@code PEXPIREAT} for keys
 * with a TTL. Redis writes RPUSH/SADD/ZADD/HMSET instead of RESTORE; both load the same dataset.
 */
final class BaseCommands {

    private BaseCommands() {
    }

    static byte[] write(RdbFile.Snapshot s, RdbCodecs codecs, List<byte[][]> contributorCommands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        for (byte[][] c : contributorCommands) {
            command(out, c);
        }
        boolean compress = s.config().getBoolean("rdbcompression");
        KeyspaceSnapshot data = s.data();
        for (int d = 0; d < data.databases(); d++) {
            command(out, b("SELECT"), ascii(Integer.toString(data.dbId(d))));
            try {
                data.forEach(d, (key, v, expireAt) -> {
                    if (v instanceof StringValue sv) {
                        command(out, b("SET"), key, sv.toBytes());
                    } else {
                        RdbValueCodec codec = codecs.forValue(v);
                        if (codec == null) {
                            throw new IllegalStateException("no RDB encoding for values of " + v.getClass().getName());
                        }
                        RdbWriter w = new RdbWriter(64);
                        w.type(codec.type(v));
                        codec.write(v, w, compress, s.config());
                        command(out, b("RESTORE"), key, b("0"), w.finishDump());
                    }
                    if (expireAt >= 0) {
                        command(out, b("PEXPIREAT"), key, ascii(Long.toString(expireAt)));
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // a byte array stream does not throw
            }
        }
        return out.toByteArray();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void command(ByteArrayOutputStream out, byte[]... argv) {
        out.writeBytes(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes(new byte[]{'\r', '\n'});
        }
    }
}
