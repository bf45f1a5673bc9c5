package dev.cinnabar.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * RDB files between Cinnabar and Redis 7.0.15: a snapshot Cinnabar writes passes
 * {@code redis-check-rdb} and loads into a real redis-server with the same DEBUG DIGEST; a
 * snapshot Redis writes loads into Cinnabar with the same digest; functions come back with the
 * data; DEBUG RELOAD keeps everything; damaged files stop Cinnabar at start-up with a clear log line.
 */
class RdbFileDifferentialTest {

    @BeforeAll
    static void needRedis() {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
    }

    private static final List<Path> DIRS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A fresh directory for one server's {@code dir}, removed after the class (snapshots can be large). */
    private static Path tempDir(String prefix) throws IOException {
        Path d = Files.createTempDirectory(prefix);
        DIRS.add(d);
        return d;
    }

    @org.junit.jupiter.api.AfterAll
    static void removeDirs() throws IOException {
        for (Path d : DIRS) {
            try (var files = Files.walk(d)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static final String LIBRARY = "#!lua name=mylib\nredis.register_function('f', function() return 'from-lib' end)";

    private static String call(RawConnection conn, String... args) {
        byte[][] a = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return new String(conn.call(a), StandardCharsets.ISO_8859_1);
    }

    /** A dataset with every type and encoding, two databases, expiries and a function library. */
    private static void populate(RawConnection conn) {
        assertEquals("$5\r\nmylib\r\n", call(conn, "FUNCTION", "LOAD", LIBRARY));
        call(conn, "SET", "s", "hello");
        call(conn, "SET", "100", "x");
        call(conn, "SET", "n", "12345");
        call(conn, "SET", "lz", "a".repeat(300));
        call(conn, "SET", "e", "v", "PX", "100000000");
        call(conn, "RPUSH", "l", "a", "b", "1", "-5", "300");
        for (int i = 0; i < 2000; i++) {
            call(conn, "RPUSH", "biglist", "element-" + i);
        }
        call(conn, "SADD", "si", "3", "1", "2");
        call(conn, "SADD", "sh", "a", "b", "c");
        call(conn, "HSET", "hl", "f", "v", "n", "7");
        for (int i = 0; i < 150; i++) {
            call(conn, "HSET", "hh", "f" + i, "v" + i);
            call(conn, "ZADD", "zs", Double.toString(i / 3.0), "m" + i);
        }
        call(conn, "ZADD", "zl", "1", "a", "2.5", "b");
        call(conn, "PFADD", "hll", "x", "y", "z");
        call(conn, "SELECT", "3");
        call(conn, "SET", "in-db3", "yes");
        call(conn, "HSET", "h3", "a", "1");
        call(conn, "SELECT", "0");
    }

    private static String digest(ServerProcess p) {
        try (RawConnection conn = p.connect()) {
            return call(conn, "DEBUG", "DIGEST");
        }
    }

    private static void awaitExit(ServerProcess p) throws InterruptedException {
        assertTrue(p.process().waitFor(30, TimeUnit.SECONDS), "server did not exit");
    }

    @Test
    void cinnabarSnapshotPassesRedisCheckAndLoadsIntoRedis() throws Exception {
        Path dir = tempDir("rdb-c2r-");
        String expected;
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            try (RawConnection conn = c.connect()) {
                populate(conn);
                expected = call(conn, "DEBUG", "DIGEST");
                assertEquals("+OK\r\n", call(conn, "SAVE"));
                String info = call(conn, "INFO", "persistence");
                assertTrue(info.contains("rdb_changes_since_last_save:0\r\n") && info.contains("rdb_saves:1\r\n"), info);
            }
        }
        checkAndLoadIntoRedis(dir, expected, r -> {
            try (RawConnection conn = r.connect()) {
                assertEquals("$8\r\nfrom-lib\r\n", call(conn, "FCALL", "f", "0"));
            }
        });
    }

    @Test
    void redisSnapshotLoadsIntoCinnabarAndSurvivesRestartAndReload() throws Exception {
        Path dir = tempDir("rdb-r2c-");
        String expected;
        try (ServerProcess r = ServerProcess.redis("--dir", dir.toString())) {
            try (RawConnection conn = r.connect()) {
                populate(conn);
                expected = call(conn, "DEBUG", "DIGEST");
                assertEquals("+OK\r\n", call(conn, "SAVE"));
            }
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            assertEquals(expected, digest(c));
            try (RawConnection conn = c.connect()) {
                assertEquals("$8\r\nfrom-lib\r\n", call(conn, "FCALL", "f", "0"));
                assertEquals("$8\r\nlistpack\r\n", call(conn, "OBJECT", "ENCODING", "zl"));
                assertEquals("$8\r\nskiplist\r\n", call(conn, "OBJECT", "ENCODING", "zs"));
                assertEquals("$6\r\nintset\r\n", call(conn, "OBJECT", "ENCODING", "si"));
                assertTrue(call(conn, "INFO", "persistence").contains("rdb_last_load_keys_loaded:"));
                call(conn, "SET", "added", "later");
                expected = call(conn, "DEBUG", "DIGEST");
                assertEquals("+OK\r\n", call(conn, "DEBUG", "RELOAD"));
                assertEquals(expected, call(conn, "DEBUG", "DIGEST"));
                assertEquals("$8\r\nfrom-lib\r\n", call(conn, "FCALL", "f", "0"));
                assertTrue(call(conn, "INFO", "persistence").contains("rdb_changes_since_last_save:0\r\n"));
                call(conn, "SET", "unsaved", "1");
                assertEquals("-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n",
                        call(conn, "DEBUG", "RELOAD", "BOGUS"));
                // SHUTDOWN SAVE writes the last change before exiting
                conn.write(RawConnection.encode("SHUTDOWN".getBytes(), "SAVE".getBytes()));
                assertTrue(conn.closedByServer(10000));
            }
            awaitExit(c);
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            try (RawConnection conn = c.connect()) {
                assertEquals("$1\r\n1\r\n", call(conn, "GET", "unsaved"));
                assertEquals("$8\r\nfrom-lib\r\n", call(conn, "FCALL", "f", "0"));
                call(conn, "SET", "lost", "1");
                conn.write(RawConnection.encode("SHUTDOWN".getBytes(), "NOSAVE".getBytes()));
                assertTrue(conn.closedByServer(10000));
            }
            awaitExit(c);
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            try (RawConnection conn = c.connect()) {
                assertEquals(":0\r\n", call(conn, "EXISTS", "lost"));
                assertEquals(":1\r\n", call(conn, "EXISTS", "unsaved"));
            }
        }
    }

    @Test
    void savePointsMakeShutdownSaveAndFlushallReset() throws Exception {
        Path dir = tempDir("rdb-sp-");
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--save", "3600 1");
             ServerProcess r = ServerProcess.redis("--dir", tempDir("rdb-sp-r-").toString(), "--save", "3600 1")) {
            for (ServerProcess p : List.of(c, r)) {
                try (RawConnection conn = p.connect()) {
                    call(conn, "MSET", "a", "1", "b", "2");
                    call(conn, "FLUSHALL");
                    String info = call(conn, "INFO", "persistence");
                    assertTrue(info.contains("rdb_changes_since_last_save:0\r\n"), p + info);
                    call(conn, "SET", "kept", "1");
                    assertTrue(call(conn, "LASTSAVE").startsWith(":"));
                }
            }
            try (RawConnection conn = c.connect()) {
                conn.write(RawConnection.encode("SHUTDOWN".getBytes()));
                assertTrue(conn.closedByServer(10000));
            }
            awaitExit(c);
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--save", "3600 1")) {
            try (RawConnection conn = c.connect()) {
                assertEquals("$1\r\n1\r\n", call(conn, "GET", "kept"));
                call(conn, "SET", "at-sigterm", "1");
            }
            // SIGTERM with save points saves first, as Redis's prepareForShutdown
            c.process().destroy();
            awaitExit(c);
            assertTrue(c.log().contains("Saving the final RDB snapshot before exiting."), c.log());
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            try (RawConnection conn = c.connect()) {
                assertEquals("$1\r\n1\r\n", call(conn, "GET", "at-sigterm"));
            }
        }
    }

    @Test
    void damagedFilesStopCinnabarAtStartUp() throws Exception {
        Path dir = tempDir("rdb-bad-");
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            try (RawConnection conn = c.connect()) {
                populate(conn);
                assertEquals("+OK\r\n", call(conn, "SAVE"));
            }
        }
        byte[] good = Files.readAllBytes(dir.resolve("dump.rdb"));
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x01;
        // a change only the checksum can see: the redis-ver AUX value
        byte[] checksum = good.clone();
        String text = new String(good, StandardCharsets.ISO_8859_1);
        int ver = text.indexOf("redis-ver");
        assertTrue(ver > 0);
        checksum[ver + "redis-ver".length() + 1] ^= 0x01;
        byte[] version = good.clone();
        version[8] = '9';
        version[7] = '9';
        assertRefused(dir, checksum, "Wrong RDB checksum");
        assertRefused(dir, flipped, "Fatal error loading the DB");
        assertRefused(dir, Arrays.copyOf(good, good.length / 2), "Fatal error loading the DB");
        assertRefused(dir, version, "Can't handle RDB format version 99");
        assertRefused(dir, "NOTREDIS0010".getBytes(StandardCharsets.US_ASCII), "Wrong signature");
        // the untouched file still loads
        Files.write(dir.resolve("dump.rdb"), good);
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            assertFalse(digest(c).startsWith("+00000000"));
        }
    }

    private static void assertRefused(Path dir, byte[] contents, String expectedLog) throws IOException {
        Files.write(dir.resolve("dump.rdb"), contents);
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            fail("Cinnabar started on a damaged file:\n" + c.log());
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains(expectedLog), e.getMessage());
        }
    }

    @Test
    void cinnabarSnapshotIsByteIdenticalToRedisForOrderFreeData() throws Exception {
        Path cdir = tempDir("rdb-id-c-");
        Path rdir = tempDir("rdb-id-r-");
        for (Path dir : List.of(cdir, rdir)) {
            try (ServerProcess p = dir == cdir ? ServerProcess.cinnabar("--dir", dir.toString())
                    : ServerProcess.redis("--dir", dir.toString())) {
                try (RawConnection conn = p.connect()) {
                    // one key per database: key order inside a db cannot differ
                    call(conn, "RPUSH", "l", "a", "b", "1", "-5", "300");
                    call(conn, "SELECT", "1");
                    call(conn, "ZADD", "z", "1", "a", "2.5", "b");
                    call(conn, "SELECT", "2");
                    call(conn, "SET", "e", "v");
                    call(conn, "PEXPIREAT", "e", "4102444800000");
                    call(conn, "SAVE");
                }
            }
        }
        byte[] c = Files.readAllBytes(cdir.resolve("dump.rdb"));
        byte[] r = Files.readAllBytes(rdir.resolve("dump.rdb"));
        // the AUX block differs in ctime and used-mem; compare from the first SELECTDB up to the CRC
        assertArrayEquals(Arrays.copyOfRange(r, indexOfSelectDb(r), r.length - 8),
                Arrays.copyOfRange(c, indexOfSelectDb(c), c.length - 8));
        assertEquals(new String(r, 0, 9, StandardCharsets.US_ASCII), new String(c, 0, 9, StandardCharsets.US_ASCII));
    }

    /**
     * Under an LRU policy each key carries an IDLE record (seconds idle), under an LFU policy a
     * FREQ record (the decayed counter), as {@code rdbSaveKeyValuePair} writes them; the other
     * server loads them back into OBJECT IDLETIME / OBJECT FREQ.
     */
    @Test
    void accessDataIsWrittenUnderLruAndLfuPoliciesAsRedis() throws Exception {
        for (String policy : List.of("allkeys-lru", "allkeys-lfu")) {
            boolean lru = policy.endsWith("lru");
            Path cdir = tempDir("rdb-acc-c-");
            Path rdir = tempDir("rdb-acc-r-");
            for (Path dir : List.of(cdir, rdir)) {
                String[] args = {"--dir", dir.toString(), "--maxmemory-policy", policy};
                try (ServerProcess p = dir == cdir ? ServerProcess.cinnabar(args) : ServerProcess.redis(args);
                     RawConnection conn = p.connect()) {
                    conn.call("SET src some-value");
                    byte[] payload = bulkOf(conn.call("DUMP src"));
                    conn.call("DEL src");
                    byte[][] restore = {b("RESTORE"), b("k"), b("0"), payload, b(lru ? "IDLETIME" : "FREQ"), b(lru ? "5000" : "77")};
                    assertEquals("+OK\r\n", new String(conn.call(restore), StandardCharsets.US_ASCII));
                    assertEquals("+OK\r\n", call(conn, "SAVE"));
                }
            }
            byte[] c = Files.readAllBytes(cdir.resolve("dump.rdb"));
            byte[] r = Files.readAllBytes(rdir.resolve("dump.rdb"));
            // SELECTDB 0, RESIZEDB 1 0, then the access record, then type, key and value
            int cs = indexOfSelectDb(c) + 5;
            int rs = indexOfSelectDb(r) + 5;
            assertEquals(r[rs] & 0xff, c[cs] & 0xff, policy + ": opcode before the key");
            long ca = accessValue(c, cs);
            long ra = accessValue(r, rs);
            if (lru) {
                assertTrue(ra >= 5000 && ra <= 5002 && ca >= 5000 && ca <= 5002, "IDLE redis " + ra + " cinnabar " + ca);
            } else {
                // a minute may tick between RESTORE and SAVE: the counter then decays by one
                assertTrue(ra >= 76 && ra <= 77 && ca >= 76 && ca <= 77, "FREQ redis " + ra + " cinnabar " + ca);
            }
            assertArrayEquals(Arrays.copyOfRange(r, rs + accessLength(r, rs), r.length - 8),
                    Arrays.copyOfRange(c, cs + accessLength(c, cs), c.length - 8), policy + ": the key after its access record");
            // each server loads the other's file and reports the access data
            for (Path dir : List.of(cdir, rdir)) {
                String[] args = {"--dir", dir.toString(), "--maxmemory-policy", policy};
                try (ServerProcess p = dir == cdir ? ServerProcess.redis(args) : ServerProcess.cinnabar(args);
                     RawConnection conn = p.connect()) {
                    long v = Long.parseLong(call(conn, "OBJECT", lru ? "IDLETIME" : "FREQ", "k").substring(1).trim());
                    assertTrue(lru ? v >= 5000 && v <= 5005 : v >= 75 && v <= 77, policy + " loaded from " + dir + ": " + v);
                }
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bulkOf(byte[] reply) {
        String head = new String(reply, 0, Math.min(reply.length, 20), StandardCharsets.US_ASCII);
        int crlf = head.indexOf("\r\n");
        int n = Integer.parseInt(head.substring(1, crlf));
        return Arrays.copyOfRange(reply, crlf + 2, crlf + 2 + n);
    }

    /** The value of the IDLE (RDB length) or FREQ (one byte) record at {@code at}. */
    private static long accessValue(byte[] f, int at) {
        int op = f[at] & 0xff;
        int first = f[at + 1] & 0xff;
        if (op == 249) {
            return first;
        }
        assertEquals(248, op, "an IDLE record");
        return switch (first >> 6) {
            case 0 -> first & 0x3f;
            case 1 -> ((first & 0x3f) << 8) | (f[at + 2] & 0xff);
            default -> ((f[at + 2] & 0xffL) << 24) | ((f[at + 3] & 0xff) << 16) | ((f[at + 4] & 0xff) << 8) | (f[at + 5] & 0xff);
        };
    }

    private static int accessLength(byte[] f, int at) {
        if ((f[at] & 0xff) == 249) {
            return 2;
        }
        return switch ((f[at + 1] & 0xff) >> 6) {
            case 0 -> 2;
            case 1 -> 3;
            default -> 6;
        };
    }

    /**
     * BGSAVE writes the dataset as it was when it started although commands keep changing it
     * (copy-on-write of the captured values): the file loads back to the digest taken just before
     * BGSAVE, and the changes made meanwhile stay counted as unsaved.
     */
    @Test
    void bgsaveWritesAPointInTimeSnapshotWhileWritesGoOn() throws Exception {
        Path dir = tempDir("rdb-bg-");
        String before;
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            try (RawConnection conn = c.connect()) {
                populate(conn);
                assertEquals("+OK\r\n", call(conn, "DEBUG", "POPULATE", "300000", "key", "100"));
                before = call(conn, "DEBUG", "DIGEST");
                assertEquals("+Background saving started\r\n", call(conn, "BGSAVE"));
                // pipelined writes to values the save captured, while it runs
                StringBuilder pipeline = new StringBuilder();
                int writes = 0;
                for (int i = 0; i < 2000; i++) {
                    pipeline.append(resp("APPEND", "key:" + i, "changed"));
                    pipeline.append(resp("RPUSH", "biglist", "more-" + i));
                    pipeline.append(resp("HSET", "hl", "f", "v" + i));
                    pipeline.append(resp("ZADD", "zs", Integer.toString(i), "m" + i));
                    pipeline.append(resp("SADD", "si", Integer.toString(i + 10)));
                    pipeline.append(resp("DEL", "key:" + (100000 + i)));
                    writes += 6;
                }
                conn.write(pipeline.toString());
                for (int i = 0; i < writes; i++) {
                    conn.readReply();
                }
                String during = call(conn, "INFO", "persistence");
                assertEquals("-ERR Background save already in progress\r\n",
                        during.contains("rdb_bgsave_in_progress:1") ? call(conn, "BGSAVE") : "-ERR Background save already in progress\r\n");
                long deadline = System.currentTimeMillis() + 60000;
                String info = during;
                while (!info.contains("rdb_bgsave_in_progress:0") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                    info = call(conn, "INFO", "persistence");
                }
                assertTrue(info.contains("rdb_bgsave_in_progress:0") && info.contains("rdb_last_bgsave_status:ok"), info);
                assertFalse(info.contains("rdb_changes_since_last_save:0\r\n"), "changes made during BGSAVE are unsaved: " + info);
                assertFalse(before.equals(call(conn, "DEBUG", "DIGEST")));
            }
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            assertEquals(before, digest(c));
        }
    }

    /**
     * Values far larger than the pieces a background save writes (a hash, set, sorted set and list
     * of 200 000 elements, strings of 3 MB) in two databases, with writes to them pipelined right
     * behind BGSAVE. Those of database 0 (nothing else there) are lent to the writer thread by the
     * first capture step, so the writes wait for it; those of database 1 are encoded in front of
     * the writes while database 0 still streams. The file passes redis-check-rdb and loads into
     * Redis with the digest taken at BGSAVE, and so does a SAVE of the changed data.
     */
    @Test
    void largeValuesAreSavedInPiecesAsOfTheirInstant() throws Exception {
        Path dir = tempDir("rdb-large-");
        String atBgsave;
        String atSave;
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString()); RawConnection conn = c.connect()) {
            for (int db : new int[] {0, 1}) {
                call(conn, "SELECT", Integer.toString(db));
                if (db == 1) {
                    assertEquals("+OK\r\n", call(conn, "DEBUG", "POPULATE", "20000", "small", "20"));
                }
                for (int from = 0; from < 200_000; from += 1000) {
                    List<String> hset = new ArrayList<>(List.of("HSET", "bighash"));
                    List<String> zadd = new ArrayList<>(List.of("ZADD", "bigzset"));
                    List<String> sadd = new ArrayList<>(List.of("SADD", "bigset"));
                    List<String> rpush = new ArrayList<>(List.of("RPUSH", "biglist"));
                    for (int i = from; i < from + 1000; i++) {
                        hset.add("field-" + i);
                        hset.add("value-" + i * 7);
                        zadd.add(Double.toString(i * 0.5));
                        zadd.add("member-" + i);
                        sadd.add("member-" + i);
                        rpush.add("element-" + i);
                    }
                    for (List<String> command : List.of(hset, zadd, sadd, rpush)) {
                        call(conn, command.toArray(new String[0]));
                    }
                }
                call(conn, "SET", "bigtext", "abcdefgh".repeat(3 << 17));
                StringBuilder noise = new StringBuilder();
                java.util.Random rnd = new java.util.Random(db);
                while (noise.length() < 3 << 20) {
                    noise.append((char) (33 + rnd.nextInt(90)));
                }
                call(conn, "SET", "bignoise", noise.toString());
            }
            call(conn, "SELECT", "0");
            atBgsave = call(conn, "DEBUG", "DIGEST");
            StringBuilder pipeline = new StringBuilder(resp("BGSAVE"));
            int replies = 0;
            for (int db : new int[] {0, 1}) {
                pipeline.append(resp("SELECT", Integer.toString(db)));
                for (int i = 0; i < 300; i++) {
                    pipeline.append(resp("HSET", "bighash", "added" + i, "x"));
                    pipeline.append(resp("HDEL", "bighash", "field-" + i));
                    pipeline.append(resp("ZADD", "bigzset", Integer.toString(-i), "added" + i));
                    pipeline.append(resp("SADD", "bigset", "added" + i));
                    pipeline.append(resp("SREM", "bigset", "member-" + i));
                    pipeline.append(resp("LPUSH", "biglist", "added" + i));
                    pipeline.append(resp("RPOP", "biglist"));
                }
                pipeline.append(resp("APPEND", "bigtext", "added"));
                pipeline.append(resp("DEL", "bignoise"));
                replies += 1 + 300 * 7 + 2;
            }
            conn.write(pipeline.toString());
            assertEquals("+Background saving started\r\n", new String(conn.readReply(), StandardCharsets.ISO_8859_1));
            for (int i = 0; i < replies; i++) {
                conn.readReply();
            }
            String info = awaitBgsave(conn);
            assertTrue(info.contains("rdb_last_bgsave_status:ok"), info);
            assertFalse(atBgsave.equals(call(conn, "DEBUG", "DIGEST")));
            checkAndLoadIntoRedis(dir, atBgsave);
            atSave = call(conn, "DEBUG", "DIGEST");
            assertEquals("+OK\r\n", call(conn, "SAVE"));
        }
        checkAndLoadIntoRedis(dir, atSave);
    }

    /** {@code dump.rdb} in {@code dir} passes redis-check-rdb and loads into Redis with {@code digest}. */
    private static void checkAndLoadIntoRedis(Path dir, String digest) throws Exception {
        checkAndLoadIntoRedis(dir, digest, r -> { });
    }

    /** As {@link #checkAndLoadIntoRedis(Path, String)}, then runs {@code more} on that Redis. */
    private static void checkAndLoadIntoRedis(Path dir, String digest, java.util.function.Consumer<ServerProcess> more)
            throws Exception {
        Process check = new ProcessBuilder("redis-check-rdb", dir.resolve("dump.rdb").toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), out);
        assertTrue(out.contains("RDB looks OK!"), out);
        try (ServerProcess r = ServerProcess.redis("--dir", dir.toString())) {
            assertEquals(digest, digest(r));
            more.accept(r);
        }
    }

    /** Waits for the background save to end; returns INFO persistence then. */
    private static String awaitBgsave(RawConnection conn) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60000;
        String info = call(conn, "INFO", "persistence");
        while (!info.contains("rdb_bgsave_in_progress:0") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            info = call(conn, "INFO", "persistence");
        }
        return info;
    }

    @Test
    void aBackgroundSaveThatCannotWriteFailsCleanlyAndTheNextOneWorks() throws Exception {
        Path dir = tempDir("rdb-bgfail-");
        String before;
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString()); RawConnection conn = c.connect()) {
            assertEquals("+OK\r\n", call(conn, "DEBUG", "POPULATE", "300000"));
            String pid = call(conn, "INFO", "server").lines().filter(l -> l.startsWith("process_id:"))
                    .findFirst().orElseThrow().substring("process_id:".length()).trim();
            // the temp file is a full disk: the first piece fails while the capture has just begun
            Files.createSymbolicLink(dir.resolve("temp-bg-" + pid + ".rdb"), Path.of("/dev/full"));
            assertEquals("+Background saving started\r\n", call(conn, "BGSAVE"));
            String info = awaitBgsave(conn);
            assertTrue(info.contains("rdb_last_bgsave_status:err"), info);
            assertFalse(Files.exists(dir.resolve("dump.rdb")));
            assertEquals("+OK\r\n", call(conn, "SET", "after", "failure"));
            before = call(conn, "DEBUG", "DIGEST");
            // the failed save's capture ended: another one starts and completes
            assertEquals("+Background saving started\r\n", call(conn, "BGSAVE"));
            info = awaitBgsave(conn);
            assertTrue(info.contains("rdb_last_bgsave_status:ok"), info);
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            assertEquals(before, digest(c));
        }
    }

    @Test
    void bgsaveRepliesLikeRedisAndUpdatesLastsave() throws Exception {
        try (ServerProcess c = ServerProcess.cinnabar("--dir", tempDir("rdb-bgr-c-").toString());
             ServerProcess r = ServerProcess.redis("--dir", tempDir("rdb-bgr-r-").toString())) {
            for (ServerProcess p : List.of(r, c)) {
                try (RawConnection conn = p.connect()) {
                    call(conn, "SET", "k", "v");
                    assertEquals("-ERR syntax error\r\n", call(conn, "BGSAVE", "x"));
                    assertEquals("-ERR syntax error\r\n", call(conn, "BGSAVE", "SCHEDULE", "x"));
                    assertEquals("+OK\r\n", call(conn, "MULTI"));
                    assertEquals("+QUEUED\r\n", call(conn, "BGSAVE"));
                    assertEquals("*1\r\n+Background saving scheduled\r\n", call(conn, "EXEC"), p.toString());
                    long deadline = System.currentTimeMillis() + 20000;
                    String info = call(conn, "INFO", "persistence");
                    while (!(info.contains("rdb_saves:1\r\n") && info.contains("rdb_bgsave_in_progress:0"))
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                        info = call(conn, "INFO", "persistence");
                    }
                    assertTrue(info.contains("rdb_saves:1\r\n") && info.contains("rdb_changes_since_last_save:0\r\n"), info);
                    assertTrue(call(conn, "BGSAVE").startsWith("+Background saving started"));
                }
            }
        }
    }

    /**
     * The hidden {@code rdb-key-save-delay} (microseconds per key) keeps a BGSAVE and an AOF
     * rewrite running, as Redis's test suite uses it: what a client sees meanwhile is the same on
     * both servers, and Cinnabar keeps answering at once.
     */
    @Test
    void rdbKeySaveDelayKeepsABackgroundSaveRunningAsRedis() throws Exception {
        try (ServerProcess c = ServerProcess.cinnabar("--dir", tempDir("rdb-delay-c-").toString());
             ServerProcess r = ServerProcess.redis("--dir", tempDir("rdb-delay-r-").toString())) {
            List<List<String>> seen = new ArrayList<>();
            for (ServerProcess p : List.of(r, c)) {
                List<String> replies = new ArrayList<>();
                try (RawConnection conn = p.connect()) {
                    replies.add(call(conn, "CONFIG", "GET", "rdb-key-save-delay"));
                    replies.add(Boolean.toString(call(conn, "CONFIG", "GET", "*").contains("rdb-key-save-delay")));
                    replies.add(call(conn, "DEBUG", "POPULATE", "2000"));
                    replies.add(call(conn, "CONFIG", "SET", "rdb-key-save-delay", "1000")); // 2 s in all
                    replies.add(call(conn, "BGSAVE"));
                    Thread.sleep(300);
                    long t0 = System.nanoTime();
                    replies.add(call(conn, "PING"));
                    long pingMillis = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(pingMillis < 500, p + ": PING took " + pingMillis + " ms during the BGSAVE");
                    String info = call(conn, "INFO", "persistence");
                    replies.add(Boolean.toString(info.contains("rdb_bgsave_in_progress:1\r\n")));
                    replies.add(call(conn, "BGSAVE"));
                    replies.add(call(conn, "SAVE"));
                    replies.add(call(conn, "BGREWRITEAOF"));
                    long deadline = System.currentTimeMillis() + 20000;
                    while (!(info = call(conn, "INFO", "persistence")).contains("aof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0")
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                    replies.add(Boolean.toString(info.contains("rdb_bgsave_in_progress:0\r\n") && info.contains("rdb_saves:1\r\n")
                            && info.contains("aof_rewrites:1\r\n")));
                    replies.add(call(conn, "CONFIG", "SET", "rdb-key-save-delay", "-10"));
                    replies.add(call(conn, "SAVE"));
                    replies.add(call(conn, "DBSIZE"));
                }
                seen.add(replies);
            }
            assertEquals(seen.get(0), seen.get(1));
            assertEquals("+Background saving started\r\n", seen.get(0).get(4));
            assertEquals("true", seen.get(0).get(6));
        }
    }

    /** {@code rdb_saves} counts SAVE and BGSAVE when they start, not DEBUG RELOAD or FLUSHALL's save. */
    @Test
    void rdbSavesCountsAsRedis() throws Exception {
        try (ServerProcess c = ServerProcess.cinnabar("--dir", tempDir("rdb-count-c-").toString());
             ServerProcess r = ServerProcess.redis("--dir", tempDir("rdb-count-r-").toString())) {
            List<List<String>> seen = new ArrayList<>();
            for (ServerProcess p : List.of(r, c)) {
                List<String> counts = new ArrayList<>();
                try (RawConnection conn = p.connect()) {
                    call(conn, "DEBUG", "POPULATE", "1000");
                    call(conn, "SAVE");
                    counts.add(savesAndChanges(conn));
                    call(conn, "CONFIG", "SET", "rdb-key-save-delay", "1000");
                    call(conn, "BGSAVE");
                    counts.add(savesAndChanges(conn)); // counted at its start
                    call(conn, "CONFIG", "SET", "rdb-key-save-delay", "0");
                    long deadline = System.currentTimeMillis() + 20000;
                    while (call(conn, "INFO", "persistence").contains("rdb_bgsave_in_progress:1") && System.currentTimeMillis() < deadline) {
                        Thread.sleep(20);
                    }
                    counts.add(savesAndChanges(conn));
                    call(conn, "DEBUG", "RELOAD");
                    counts.add(savesAndChanges(conn));
                    call(conn, "CONFIG", "SET", "save", "3600 1");
                    call(conn, "FLUSHALL");
                    counts.add(savesAndChanges(conn));
                }
                seen.add(counts);
            }
            assertEquals(seen.get(0), seen.get(1));
        }
    }

    private static String savesAndChanges(RawConnection conn) {
        String info = call(conn, "INFO", "persistence");
        StringBuilder sb = new StringBuilder();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("rdb_saves:") || line.startsWith("rdb_changes_since_last_save:")) {
                sb.append(line).append(' ');
            }
        }
        return sb.toString();
    }

    /** BGSAVE SCHEDULE during an AOF rewrite starts once the rewrite is over (one child at a time). */
    @Test
    void aScheduledBgsaveWaitsForTheAofRewriteAsRedis() throws Exception {
        try (ServerProcess c = ServerProcess.cinnabar("--dir", tempDir("rdb-sched-c-").toString());
             ServerProcess r = ServerProcess.redis("--dir", tempDir("rdb-sched-r-").toString())) {
            List<List<String>> seen = new ArrayList<>();
            for (ServerProcess p : List.of(r, c)) {
                List<String> replies = new ArrayList<>();
                try (RawConnection conn = p.connect()) {
                    call(conn, "DEBUG", "POPULATE", "1500");
                    call(conn, "CONFIG", "SET", "rdb-key-save-delay", "1000"); // 1.5 s a pass
                    replies.add(call(conn, "BGREWRITEAOF"));
                    replies.add(call(conn, "BGSAVE"));
                    replies.add(call(conn, "BGSAVE", "SCHEDULE"));
                    Thread.sleep(400); // a few cron runs
                    String info = call(conn, "INFO", "persistence");
                    replies.add("rewrite " + info.contains("aof_rewrite_in_progress:1\r\n") + " bgsave " + info.contains("rdb_bgsave_in_progress:1\r\n"));
                    long deadline = System.currentTimeMillis() + 20000;
                    while (!(info = call(conn, "INFO", "persistence")).contains("aof_rewrite_in_progress:0\r\n")
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(300);
                    info = call(conn, "INFO", "persistence");
                    replies.add("rewrite " + info.contains("aof_rewrite_in_progress:1\r\n") + " bgsave " + info.contains("rdb_bgsave_in_progress:1\r\n"));
                    replies.add(call(conn, "BGSAVE"));
                    while (!(info = call(conn, "INFO", "persistence")).contains("rdb_bgsave_in_progress:0\r\n")
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(20);
                    }
                    replies.add(Boolean.toString(info.contains("rdb_saves:1\r\n") && info.contains("aof_rewrites:1\r\n")));
                }
                seen.add(replies);
            }
            assertEquals(seen.get(0), seen.get(1));
            assertEquals("rewrite true bgsave false", seen.get(0).get(3));
            assertEquals("rewrite false bgsave true", seen.get(0).get(4));
        }
    }

    /**
     * A failed background save with save points configured refuses writes and PING with Redis's
     * MISCONF text (persistence.md 8.3) until a save succeeds or the save points are cleared.
     */
    @Test
    void failedBackgroundSaveStopsWritesWithMisconf() throws Exception {
        Path notADirectory = Files.createTempFile("rdb-misconf-", ".txt");
        DIRS.add(notADirectory);
        try (ServerProcess c = ServerProcess.cinnabar("--dir", notADirectory.toString(), "--save", "3600 1");
             RawConnection conn = c.connect()) {
            assertEquals("+OK\r\n", call(conn, "SET", "k", "v"));
            assertEquals("-ERR\r\n", call(conn, "SAVE"));
            assertEquals("+OK\r\n", call(conn, "SET", "k", "v2"), "a failed SAVE does not stop writes");
            assertEquals("+Background saving started\r\n", call(conn, "BGSAVE"));
            long deadline = System.currentTimeMillis() + 20000;
            String info = call(conn, "INFO", "persistence");
            while (!info.contains("rdb_bgsave_in_progress:0") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                info = call(conn, "INFO", "persistence");
            }
            assertTrue(info.contains("rdb_last_bgsave_status:err"), info);
            String misconf = "-MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. "
                    + "Commands that may modify the data set are disabled, because this instance is configured to report errors "
                    + "during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs "
                    + "for details about the RDB error.\r\n";
            assertEquals(misconf, call(conn, "SET", "k", "v3"));
            assertEquals(misconf, call(conn, "PING"));
            assertEquals("$2\r\nv2\r\n", call(conn, "GET", "k"));
            assertEquals("+OK\r\n", call(conn, "CONFIG", "SET", "save", ""));
            assertEquals("+OK\r\n", call(conn, "SET", "k", "v4"));
        }
    }

    private static String resp(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return b.toString();
    }

    private static int indexOfSelectDb(byte[] f) {
        byte[] marker = "aof-base".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length < f.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(f, i, i + marker.length), marker)) {
                return i + marker.length + 2; // c0 00
            }
        }
        throw new AssertionError("no aof-base AUX field");
    }
}
