package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DUMP and RESTORE against Redis 7.0.15: payloads compared byte for byte for every encoding
 * whose layout does not depend on Redis's hash-table order; payloads crossed over (Redis's into
 * Cinnabar and back) and compared by DEBUG DIGEST-VALUE; RESTORE's errors, and hostile payloads
 * (truncated, flipped, forged lengths) that must leave the keyspace unchanged.
 */
class DumpRestoreDifferentialTest extends DifferentialTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes of a bulk reply ({@code $n\r\n...\r\n}), or null for a null bulk. */
    static byte[] bulk(byte[] reply) {
        if (reply[0] != '$') {
            throw new AssertionError("not a bulk reply: " + Replies.show(reply));
        }
        int nl = 1;
        while (reply[nl] != '\r') {
            nl++;
        }
        int n = Integer.parseInt(new String(reply, 1, nl - 1, StandardCharsets.US_ASCII));
        return n < 0 ? null : Arrays.copyOfRange(reply, nl + 2, nl + 2 + n);
    }

    /** Runs the command on both servers (replies compared). */
    private void both(byte[]... args) {
        same(args);
    }

    private void sameDump(String key) {
        byte[] expected = bulk(r.call(b("DUMP"), b(key)));
        byte[] actual = bulk(c.call(b("DUMP"), b(key)));
        assertArrayEquals(expected, actual, "DUMP " + key + ": redis " + Replies.show(r.call(b("DUMP"), b(key)))
                + " cinnabar " + Replies.show(c.call(b("DUMP"), b(key))));
    }

    /** Restores each server's payload into the other under {@code key}:x and compares digests. */
    private void crossRestore(String key) {
        byte[] fromRedis = bulk(r.call(b("DUMP"), b(key)));
        byte[] fromCinnabar = bulk(c.call(b("DUMP"), b(key)));
        assertEquals("+OK\r\n", new String(c.call(b("RESTORE"), b(key + ":x"), b("0"), fromRedis), StandardCharsets.ISO_8859_1));
        assertEquals("+OK\r\n", new String(r.call(b("RESTORE"), b(key + ":x"), b("0"), fromCinnabar), StandardCharsets.ISO_8859_1));
        byte[] digest = same(b("DEBUG"), b("DIGEST-VALUE"), b(key), b(key + ":x"));
        String[] parts = new String(digest, StandardCharsets.ISO_8859_1).split("\r\n");
        assertEquals(3, parts.length, Replies.show(digest));
        assertEquals(parts[1], parts[2], "digest of " + key + " after crossing over");
        same(b("OBJECT"), b("ENCODING"), b(key + ":x"));
        same(b("DEL"), b(key + ":x"));
    }

    private void dumpAndCross(String key) {
        sameDump(key);
        crossRestore(key);
    }

    private static byte[] random(Random rnd, int n, int alphabet) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (alphabet == 256 ? rnd.nextInt(256) : 'a' + rnd.nextInt(alphabet));
        }
        return out;
    }

    @Test
    void stringsInEveryEncodingDumpLikeRedis() {
        Random rnd = new Random(1);
        List<byte[]> values = new ArrayList<>(List.of(b("hello"), b("12345"), b("-1"), b("0"), b("-0"), b("0012"),
                b("2147483647"), b("2147483648"), b("-2147483648"), b("12345678901"), b("9223372036854775807"),
                b("a".repeat(30)), b("ab".repeat(11)), b(""), b("x".repeat(20)), b("x".repeat(21)),
                new byte[] {0, (byte) 0xff, '\r', '\n', 0}));
        values.add(random(rnd, 100, 256));
        values.add(random(rnd, 5000, 4));
        values.add(random(rnd, 70000, 256));
        for (int i = 0; i < values.size(); i++) {
            both(b("SET"), b("s" + i), values.get(i));
            dumpAndCross("s" + i);
        }
        same("SET n 100");
        same("APPEND n 5");
        dumpAndCross("n");
        same("INCRBYFLOAT f 1.5");
        dumpAndCross("f");
        same("PFADD hll a b c d e");
        dumpAndCross("hll");
        same("DUMP nokey");
        same("CONFIG SET rdbcompression no");
        try {
            dumpAndCross("s11");
            dumpAndCross("s18");
        } finally {
            same("CONFIG SET rdbcompression yes");
        }
    }

    @Test
    void listsDumpLikeRedisIncludingSeveralNodes() {
        same("RPUSH l a b 1 -5 300");
        dumpAndCross("l");
        same("RPUSH ints 0 127 128 -1 -4096 4095 4096 -32768 32767 -8388608 8388607 2147483647 -2147483648 "
                + "9223372036854775807 -9223372036854775808 012 -0 +1 1.5 \"\"");
        dumpAndCross("ints");
        Random rnd = new Random(2);
        for (int i = 0; i < 3000; i++) {
            both(b("RPUSH"), b("long"), i % 3 == 0 ? b(Integer.toString(i * 7919)) : random(rnd, 1 + rnd.nextInt(40), 26));
        }
        dumpAndCross("long");
        for (int i = 0; i < 10; i++) {
            both(b("RPUSH"), b("wide"), random(rnd, 3000 + i * 500, 256));
        }
        dumpAndCross("wide");
        for (int i = 0; i < 4; i++) {
            both(b("RPUSH"), b("lz"), b("aaaaaaaa"));
        }
        dumpAndCross("lz");
        same("CONFIG SET list-max-listpack-size 5");
        try {
            for (int i = 0; i < 23; i++) {
                both(b("RPUSH"), b("five"), b("e" + i));
            }
            dumpAndCross("five");
        } finally {
            same("CONFIG SET list-max-listpack-size -2");
        }
    }

    @Test
    void setsDumpLikeRedis() {
        same("SADD si 3 1 2");
        dumpAndCross("si");
        same("SADD wide 1 -70000 5000000000");
        dumpAndCross("wide");
        same("SADD shrunk 1 100000");
        same("SREM shrunk 100000");
        dumpAndCross("shrunk");
        same("SADD sh a b c 1");
        crossRestore("sh");
        for (int i = 0; i < 600; i++) {
            both(b("SADD"), b("big"), b(Integer.toString(i)));
        }
        same("OBJECT ENCODING big");
        crossRestore("big");
    }

    @Test
    void hashesDumpLikeRedis() {
        same("HSET hl f v n 7 neg -300 big 99999999999 bin \"\\x00\\xff\"");
        same("HSET hl f again");
        same("HDEL hl n");
        dumpAndCross("hl");
        same("HSET long f " + "v".repeat(65));
        crossRestore("long");
        for (int i = 0; i < 200; i++) {
            both(b("HSET"), b("table"), b("field" + i), b(Integer.toString(i)));
        }
        crossRestore("table");
    }

    @Test
    void sortedSetsDumpLikeRedis() {
        same("ZADD zl 1 a 2.5 b 0.1 c -0 z 1e300 big inf top -inf bottom 4611686018427387904 p62 9223372036854775807 p63 -3.75 neg");
        dumpAndCross("zl");
        for (int i = 0; i < 200; i++) {
            both(b("ZADD"), b("skip"), b(Double.toString(i * 0.37 - 20)), b("member" + i));
        }
        same("ZADD skip 5 same1 5 same2 -0 zero");
        same("OBJECT ENCODING skip");
        dumpAndCross("skip");
        same("ZADD longmember 1 " + "m".repeat(70));
        dumpAndCross("longmember");
    }

    @Test
    void restoreOptionsTtlsAndReplaceBehaveLikeRedis() {
        same("SET s hello");
        byte[] payload = bulk(r.call(b("DUMP"), b("s")));
        same(b("RESTORE"), b("s"), b("0"), payload);
        same(b("RESTORE"), b("s"), b("-1"), payload);
        same(b("RESTORE"), b("t"), b("-1"), payload);
        same(b("RESTORE"), b("t"), b("abc"), payload);
        same(b("RESTORE"), b("t"), b("0"), payload, b("FOO"));
        same(b("RESTORE"), b("t"), b("0"), payload, b("IDLETIME"));
        same(b("RESTORE"), b("t"), b("0"), payload, b("IDLETIME"), b("-1"));
        same(b("RESTORE"), b("t"), b("0"), payload, b("IDLETIME"), b("x"));
        same(b("RESTORE"), b("t"), b("0"), payload, b("FREQ"), b("256"));
        same(b("RESTORE"), b("t"), b("0"), payload, b("IDLETIME"), b("10"), b("FREQ"), b("5"));
        same(b("RESTORE"), b("s"), b("0"), payload, b("REPLACE"));
        same(b("RESTORE"), b("t"), b("100000"), payload);
        same("GET t");
        assertTrue(Long.parseLong(new String(c.call(b("PTTL"), b("t")), StandardCharsets.US_ASCII).substring(1).trim()) > 90000);
        same(b("RESTORE"), b("u"), b("1"), payload, b("ABSTTL"));
        same("EXISTS u");
        same(b("RESTORE"), b("s"), b("1"), payload, b("ABSTTL"), b("REPLACE"));
        same("EXISTS s");
        same(b("RESTORE"), b("v"), b("4102444800000"), payload, b("ABSTTL"));
        same("PEXPIRETIME v");
        same(b("RESTORE"), b("w"), b("0"), payload, b("IDLETIME"), b("1000"));
        // 1000, or 1001 if a second of the 1 s LRU clock ticked since the RESTORE (on either server)
        for (byte[] reply : List.of(r.call("OBJECT IDLETIME w"), c.call("OBJECT IDLETIME w"))) {
            String text = new String(reply, StandardCharsets.US_ASCII);
            assertTrue(text.equals(":1000\r\n") || text.equals(":1001\r\n"), text);
        }
        same("RESTORE");
        same("RESTORE a 0");
    }

    /** A list restored from Redis's payload dumps to that very payload again (its nodes are kept). */
    private void listNodesSurviveRestore(String key) {
        byte[] fromRedis = bulk(r.call(b("DUMP"), b(key)));
        assertEquals("+OK\r\n", new String(c.call(b("RESTORE"), b(key + ":nodes"), b("0"), fromRedis), StandardCharsets.ISO_8859_1));
        assertArrayEquals(fromRedis, bulk(c.call(b("DUMP"), b(key + ":nodes"))), "nodes of " + key + " after RESTORE");
        c.call(b("DEL"), b(key + ":nodes"));
    }

    @Test
    void listNodesFollowPushesAndPopsAtBothEnds() {
        Random rnd = new Random(4);
        for (int i = 0; i < 3000; i++) {
            both(b("LPUSH"), b("left"), random(rnd, 1 + rnd.nextInt(30), 26));
            both(b(i % 3 == 0 ? "LPUSH" : "RPUSH"), b("mixed"), random(rnd, 1 + rnd.nextInt(30), 26));
            both(b("RPUSH"), b("popped"), b(Integer.toString(i * 31)));
        }
        dumpAndCross("left");
        dumpAndCross("mixed");
        same("LPOP popped 700");
        same("RPOP popped 333");
        dumpAndCross("popped");
        // pushing again onto nodes that pops have shrunk: where they fill up depends on their size
        for (int i = 0; i < 800; i++) {
            both(b("LPUSH"), b("popped"), random(rnd, 1 + rnd.nextInt(30), 26));
            both(b("RPUSH"), b("popped"), b(Integer.toString(-i * 7)));
        }
        dumpAndCross("popped");
        same("LTRIM mixed 100 -250");
        dumpAndCross("mixed");
        same("LMOVE left mixed LEFT RIGHT");
        same("RPOPLPUSH mixed left");
        dumpAndCross("left");
        dumpAndCross("mixed");
        for (String key : List.of("left", "mixed", "popped")) {
            listNodesSurviveRestore(key);
        }
        // middle edits: the same elements, nodes possibly cut differently
        same("LINSERT popped BEFORE 31031 inserted");
        same("LSET popped 5 replaced");
        same("LREM popped 0 31062");
        crossRestore("popped");
        listNodesSurviveRestore("popped");
    }

    @Test
    void badPayloadsAreRefusedLikeRedis() {
        same("RPUSH l a b c");
        byte[] payload = bulk(r.call(b("DUMP"), b("l")));
        same(b("RESTORE"), b("x"), b("0"), b("short"));
        same(b("RESTORE"), b("x"), b("0"), Arrays.copyOf(payload, payload.length - 1));
        byte[] flipped = payload.clone();
        flipped[3] ^= 0x10;
        same(b("RESTORE"), b("x"), b("0"), flipped);
        byte[] newer = payload.clone();
        newer[payload.length - 10] = 11;
        same(b("RESTORE"), b("x"), b("0"), newer);
        // a valid trailer around bodies that are not values
        same(b("RESTORE"), b("x"), b("0"), withTrailer(new byte[] {8, 1, 'a'}));
        same(b("RESTORE"), b("x"), b("0"), withTrailer(new byte[] {30}));
        same(b("RESTORE"), b("x"), b("0"), withTrailer(new byte[] {2, 0}));
        same(b("RESTORE"), b("x"), b("0"), withTrailer(new byte[] {0, 5, 'a'}));
        same("EXISTS x");
    }

    /** {@code body} + version 10 + its CRC64, i.e. a payload that passes the trailer checks. */
    static byte[] withTrailer(byte[] body) {
        byte[] out = Arrays.copyOf(body, body.length + 10);
        out[body.length] = 10;
        long crc = crc64(out, body.length + 2);
        for (int i = 0; i < 8; i++) {
            out[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    static long crc64(byte[] data, int len) {
        long crc = 0;
        for (int i = 0; i < len; i++) {
            crc ^= data[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x95AC9329AC4BC9B5L : crc >>> 1;
            }
        }
        return crc;
    }

    /**
     * Every truncation and many byte changes of real payloads, re-sealed with a valid trailer so
     * they reach the parser, plus forged huge lengths: Cinnabar answers OK or "Bad data format",
     * never dies, and after an error the key does not exist.
     */
    @Test
    void hostilePayloadsNeverBreakTheServer() {
        same("RPUSH l a b 1 -5 300 " + "z".repeat(40));
        same("SADD si 3 1 2");
        same("HSET h f v n 7");
        same("ZADD z 1 a 2.5 b");
        same("SET s " + "q".repeat(40));
        Random rnd = new Random(3);
        int errors = 0;
        for (String key : List.of("l", "si", "h", "z", "s")) {
            byte[] payload = bulk(c.call(b("DUMP"), b(key)));
            byte[] body = Arrays.copyOf(payload, payload.length - 10);
            List<byte[]> bodies = new ArrayList<>();
            for (int n = 0; n < body.length; n++) {
                bodies.add(Arrays.copyOf(body, n));
            }
            for (int i = 0; i < 60; i++) {
                byte[] m = body.clone();
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                bodies.add(m);
            }
            for (byte[] bad : bodies) {
                String reply = new String(c.call(b("RESTORE"), b("fuzz"), b("0"), withTrailer(bad), b("REPLACE")),
                        StandardCharsets.ISO_8859_1);
                if (reply.equals("+OK\r\n")) {
                    c.call(b("DEL"), b("fuzz"));
                } else {
                    assertEquals("-ERR Bad data format\r\n", reply);
                    assertEquals(":0\r\n", new String(c.call(b("EXISTS"), b("fuzz")), StandardCharsets.ISO_8859_1));
                    errors++;
                }
            }
        }
        assertTrue(errors > 100, "most damaged payloads are refused");
        // forged lengths: 2^32-1 list nodes, a 4 GiB string, an LZF string claiming 1 GiB
        for (byte[] forged : List.of(
                new byte[] {18, (byte) 0x80, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2},
                new byte[] {0, (byte) 0x81, 0, 0, 0, 1, 0, 0, 0, 0, 'a'},
                new byte[] {0, (byte) 0xc3, 2, (byte) 0x80, 0x40, 0, 0, 0, 0, 'a'},
                new byte[] {2, (byte) 0x80, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 'a'},
                new byte[] {5, (byte) 0x80, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 'a'})) {
            assertEquals("-ERR Bad data format\r\n",
                    new String(c.call(b("RESTORE"), b("forged"), b("0"), withTrailer(forged)), StandardCharsets.ISO_8859_1));
        }
        same("EXISTS forged");
        same("DBSIZE");
    }

    // ---- payloads in the ziplist types of Redis before 7.0, which 7.0 still restores

    /** One ziplist entry: the encoding byte(s) and data, chosen by hand. */
    private static byte[] zlEntry(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static byte[] zlString(String s) {
        byte[] d = b(s);
        byte[] out;
        if (d.length < 64) {
            out = new byte[1 + d.length];
            out[0] = (byte) d.length;
            System.arraycopy(d, 0, out, 1, d.length);
        } else {
            out = new byte[2 + d.length];
            out[0] = (byte) (0x40 | (d.length >> 8));
            out[1] = (byte) d.length;
            System.arraycopy(d, 0, out, 2, d.length);
        }
        return out;
    }

    /** A ziplist blob (prevlen, zltail, zlbytes, zllen computed) of the given entries. */
    private static byte[] ziplist(byte[]... entries) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(new byte[10]);
        int prev = 0;
        int tail = 10;
        for (byte[] e : entries) {
            tail = b.size();
            b.write(prev);
            b.writeBytes(e);
            prev = 1 + e.length;
        }
        b.write(0xFF);
        byte[] zl = b.toByteArray();
        for (int k = 0; k < 4; k++) {
            zl[k] = (byte) (zl.length >>> (8 * k));
            zl[4 + k] = (byte) (tail >>> (8 * k));
        }
        zl[8] = (byte) entries.length;
        return zl;
    }

    /** {@code type} then each blob as an RDB string (plain length), sealed as a DUMP payload. */
    private static byte[] legacyPayload(int type, Integer count, byte[]... blobs) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(type);
        if (count != null) {
            b.write(count);
        }
        for (byte[] blob : blobs) {
            if (blob.length < 64) {
                b.write(blob.length);
            } else {
                b.write(0x40 | (blob.length >> 8));
                b.write(blob.length & 0xff);
            }
            b.writeBytes(blob);
        }
        return withTrailer(b.toByteArray());
    }

    @Test
    void ziplistPayloadsOfOlderRedisRestoreLikeRedis() {
        byte[] listZl = ziplist(zlString("a"), zlString("hello"), zlEntry(0xF8), zlEntry(0xFE, 100), zlEntry(0xFE, 0xFB),
                zlEntry(0xC0, 0xE8, 0x03), zlEntry(0xF0, 0xA0, 0x86, 0x01), zlEntry(0xD0, 0, 0, 0, 0x80),
                zlEntry(0xE0, 1, 0, 0, 0, 1, 0, 0, 0), zlString("x".repeat(70)));
        same(b("RESTORE"), b("l10"), b("0"), legacyPayload(10, null, listZl));
        same("LRANGE l10 0 -1");
        same("OBJECT ENCODING l10");
        sameDump("l10");
        same(b("RESTORE"), b("l14"), b("0"), legacyPayload(14, 2, listZl, ziplist(zlString("tail"))));
        same("LRANGE l14 0 -1");
        sameDump("l14");
        same(b("RESTORE"), b("h13"), b("0"), legacyPayload(13, null,
                ziplist(zlString("f"), zlString("v"), zlString("n"), zlEntry(0xF8))));
        same("HGETALL h13");
        same("OBJECT ENCODING h13");
        same(b("RESTORE"), b("z12"), b("0"), legacyPayload(12, null,
                ziplist(zlString("a"), zlString("1.5"), zlString("b"), zlEntry(0xF4))));
        same("ZRANGE z12 0 -1 WITHSCORES");
        same("OBJECT ENCODING z12");
        same("DEBUG DIGEST");
        // an odd number of hash entries is not a hash
        same(b("RESTORE"), b("odd"), b("0"), legacyPayload(13, null, ziplist(zlString("f"))));
        same("EXISTS odd");
    }
}
