package dev.cinnabar.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The multi-part AOF between Cinnabar and Redis 7.0.15: directories written by one load into the
 * other with the same DEBUG DIGEST and pass {@code redis-check-aof}; the propagated form of
 * rewritten commands is byte for byte Redis's (absolute times masked); functions and scripts'
 * effects survive restarts; {@code kill -9} under {@code appendfsync always} loses no
 * acknowledged write; truncated and corrupt files are handled as Redis does.
 */
class AofDifferentialTest {

    @BeforeAll
    static void needRedis() {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
    }

    private static final String LIBRARY = "#!lua name=mylib\nredis.register_function('f', function(keys, args) "
            + "return redis.call('set', keys[1], args[1]) end)";

    private static String call(RawConnection conn, String... args) {
        byte[][] a = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return new String(conn.call(a), StandardCharsets.ISO_8859_1);
    }

    private static String digest(ServerProcess p) {
        try (RawConnection conn = p.connect()) {
            return call(conn, "DEBUG", "DIGEST");
        }
    }

    /** Writes of every type, a function, scripts, a transaction, expiries and binary keys. */
    private static void populate(RawConnection conn, int round) {
        String r = Integer.toString(round);
        call(conn, "SET", "s" + r, "hello");
        call(conn, "SET", "e" + r, "v", "EX", "100000");
        call(conn, "RPUSH", "l" + r, "a", "b", "c", "1");
        call(conn, "SADD", "set" + r, "x", "y", "z", "1", "2");
        call(conn, "SPOP", "set" + r);
        call(conn, "HSET", "h" + r, "f", "1.5");
        call(conn, "HINCRBYFLOAT", "h" + r, "f", "0.1");
        call(conn, "INCRBYFLOAT", "fl" + r, "3.3");
        call(conn, "ZADD", "z" + r, "1", "a", "2", "b", "3", "c");
        call(conn, "ZPOPMIN", "z" + r);
        call(conn, "PFADD", "hll" + r, "a", "b");
        call(conn, "EVAL", "redis.call('incr', KEYS[1]); redis.call('rpush', KEYS[2], 'q')", "2", "cnt" + r, "l" + r);
        call(conn, "FCALL", "f", "1", "fk" + r, "fv");
        call(conn, "MULTI");
        call(conn, "SELECT", "2");
        call(conn, "SET", "db2-" + r, "yes");
        call(conn, "SELECT", "0");
        call(conn, "EXPIRE", "s" + r, "5000");
        call(conn, "EXEC");
        conn.call("SET".getBytes(), new byte[]{0, 1, (byte) 0xff, '\r', '\n'}, new byte[]{'\r', '\n', 0});
    }

    private static void awaitRewrite(RawConnection conn) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (call(conn, "INFO", "persistence").contains("aof_rewrite_in_progress:0")) {
                return;
            }
            Thread.sleep(50);
        }
        fail("AOF rewrite did not end");
    }

    private static void checkAof(Path dir) throws Exception {
        Path manifest = dir.resolve("appendonlydir").resolve("appendonly.aof.manifest");
        Process check = new ProcessBuilder("redis-check-aof", manifest.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), out);
        assertTrue(out.contains("All AOF files and manifest are valid"), out);
    }

    private static void fill(ServerProcess p) throws Exception {
        try (RawConnection conn = p.connect()) {
            call(conn, "FUNCTION", "LOAD", LIBRARY);
            populate(conn, 1);
            assertTrue(call(conn, "BGREWRITEAOF").startsWith("+Background append only file rewriting"));
            awaitRewrite(conn);
            populate(conn, 2);
        }
    }

    @Test
    void cinnabarAofLoadsIntoRedisAndBack() throws Exception {
        Path dir = Files.createTempDirectory("aof-c2r-");
        String expected;
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes")) {
            fill(c);
            expected = digest(c);
            try (RawConnection conn = c.connect()) {
                String info = call(conn, "INFO", "persistence");
                assertTrue(info.contains("aof_enabled:1\r\n") && info.contains("aof_rewrites:1\r\n")
                        && info.contains("aof_last_bgrewrite_status:ok\r\n"), info);
            }
        }
        String manifest = Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest"));
        assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n", manifest);
        try (Stream<Path> files = Files.list(dir.resolve("appendonlydir"))) {
            assertEquals(3, files.count(), "history files are removed");
        }
        checkAof(dir);
        try (ServerProcess r = ServerProcess.redis("--dir", dir.toString(), "--appendonly", "yes")) {
            assertEquals(expected, digest(r));
            try (RawConnection conn = r.connect()) {
                assertEquals("+OK\r\n", call(conn, "FCALL", "f", "1", "from-redis", "1"));
                expected = call(conn, "DEBUG", "DIGEST");
            }
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes")) {
            assertEquals(expected, digest(c));
            try (RawConnection conn = c.connect()) {
                // the library came back through the AOF base
                assertEquals("+OK\r\n", call(conn, "FCALL", "f", "1", "from-redis", "1"));
                assertEquals("+OK\r\n", call(conn, "DEBUG", "LOADAOF"));
                assertEquals(expected, call(conn, "DEBUG", "DIGEST"));
                // Redis empties the dataset and exits here (no AOF to load); Cinnabar refuses
                assertEquals("+OK\r\n", call(conn, "CONFIG", "SET", "appendonly", "no"));
                assertEquals("-ERR DEBUG LOADAOF needs appendonly yes: there is no AOF to load\r\n", call(conn, "DEBUG", "LOADAOF"));
                assertEquals(expected, call(conn, "DEBUG", "DIGEST"));
            }
        }
    }

    @Test
    void redisAofLoadsIntoCinnabarWithoutPreamble() throws Exception {
        Path dir = Files.createTempDirectory("aof-r2c-");
        String expected;
        try (ServerProcess r = ServerProcess.redis("--dir", dir.toString(), "--appendonly", "yes",
                "--aof-use-rdb-preamble", "no")) {
            fill(r);
            expected = digest(r);
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes",
                "--aof-use-rdb-preamble", "no")) {
            assertEquals(expected, digest(c));
            try (RawConnection conn = c.connect()) {
                assertEquals("+OK\r\n", call(conn, "FCALL", "f", "1", "from-cinnabar", "1"));
                expected = call(conn, "DEBUG", "DIGEST");
                // a base of commands written by Cinnabar
                assertTrue(call(conn, "BGREWRITEAOF").startsWith("+Background append only file rewriting"));
                awaitRewrite(conn);
                call(conn, "SET", "after-rewrite", "1");
                expected = call(conn, "DEBUG", "DIGEST");
            }
        }
        assertTrue(Files.exists(dir.resolve("appendonlydir/appendonly.aof.3.base.aof")));
        checkAof(dir);
        try (ServerProcess r = ServerProcess.redis("--dir", dir.toString(), "--appendonly", "yes")) {
            assertEquals(expected, digest(r));
        }
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes")) {
            assertEquals(expected, digest(c));
        }
    }

    @Test
    void configSetAppendonlyStartsTheAofWithARewrite() throws Exception {
        Path dir = Files.createTempDirectory("aof-config-");
        String expected;
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString())) {
            try (RawConnection conn = c.connect()) {
                call(conn, "FUNCTION", "LOAD", LIBRARY);
                populate(conn, 1);
                assertEquals("+OK\r\n", call(conn, "CONFIG", "SET", "appendonly", "yes"));
                awaitRewrite(conn);
                populate(conn, 2);
                expected = call(conn, "DEBUG", "DIGEST");
            }
        }
        assertEquals("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n",
                Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")));
        checkAof(dir);
        try (ServerProcess r = ServerProcess.redis("--dir", dir.toString(), "--appendonly", "yes")) {
            assertEquals(expected, digest(r));
        }
    }

    /** The incr file's commands with absolute times (13 digits) and SPOP's random picks masked. */
    private static String incr(Path dir, String name) throws Exception {
        String s = new String(Files.readAllBytes(dir.resolve("appendonlydir").resolve(name)), StandardCharsets.ISO_8859_1);
        s = s.replaceAll("\\$13\r\n1[0-9]{12}\r\n", "\\$13\r\n<time>\r\n");
        // which members SPOP picks is random: only the shape of its SREMs can be compared
        return s.replaceAll("(SREM\r\n\\$3\r\nst2\r\n\\$1\r\n)[1-9]", "$1?");
    }

    private static void rewrittenCommands(ServerProcess p) throws Exception {
        try (RawConnection conn = p.connect(); RawConnection blocked = p.connect()) {
            // keys expire lazily only (found by the next command), so both servers write the same
            conn.call("DEBUG SET-ACTIVE-EXPIRE 0");
            for (String line : List.of(
                    "SET k v EX 100", "EXPIRE k 200", "PEXPIRE k 300000", "EXPIREAT k 4000000000", "PEXPIREAT k 4000000000000",
                    "SETEX k2 100 v", "PSETEX k3 100000 v", "SET k4 v EXAT 4000000000", "SET k5 v PXAT 4000000000000 GET",
                    "SET k6 v GET", "SET k7 v PX 100000 NX", "GETEX k EX 50", "GETEX k PERSIST", "GETEX k PERSIST",
                    "GETEX nokey EX 5", "GETDEL k7", "GETSET k6 w", "EXPIRE k -1", "EXPIRE nokey 100",
                    "INCRBYFLOAT f 1.5", "INCRBYFLOAT f 0.25", "HINCRBYFLOAT h f 2.5", "HINCRBYFLOAT h f 1e3",
                    "SADD st a", "SPOP st", "SPOP st", "SADD st a b c", "SPOP st 5", "SADD st2 1 2 3 4 5 6 7 8 9", "SPOP st2 3", "SPOP st2 5",
                    "RPUSH l a b c d", "LMPOP 1 l LEFT COUNT 2", "BLPOP l 0", "BRPOP l 0", "RPUSH l2 a",
                    "BLMOVE l2 l3 LEFT RIGHT 0", "BRPOPLPUSH l3 l4 0",
                    "ZADD z 1 a 2 b 3 c 4 d", "ZMPOP 1 z MIN", "BZPOPMIN z 0", "BZPOPMAX z 0",
                    // the count written is the count popped
                    "RPUSH m a b c", "LMPOP 2 nokey m RIGHT COUNT 10", "RPUSH m2 a", "BLMPOP 0 1 m2 LEFT COUNT 5",
                    "ZADD mz 1 a 2 b", "ZMPOP 1 mz MAX COUNT 7", "ZADD mz2 1 a", "BZMPOP 0 1 mz2 MIN COUNT 3",
                    "SET x 1 PX 1", "SLEEP", "SET x 2", "SET y 1 PX 1", "SLEEP", "GET y",
                    "EVAL \"redis.call('get','k2')\" 0",
                    "EVAL \"redis.call('set','s1','1')\" 0",
                    "EVAL \"redis.call('set','s1','1'); redis.call('set','s2','2')\" 0",
                    "EVAL \"redis.set_repl(redis.REPL_NONE); redis.call('set','s3','1')\" 0",
                    "MULTI", "SET a 1", "EXEC", "MULTI", "SET a 1", "INCR a", "EXEC",
                    // writes that change nothing count no change and are not written
                    "RPUSH nl a b", "LTRIM nl 0 -1", "SETBIT sb 3 1", "SETBIT sb 3 1", "BITFIELD bf OVERFLOW FAIL INCRBY u8 0 300",
                    "PFADD hp a b c", "PFDEBUG TODENSE hp", "SREM nl2 x", "HSET hn f v", "HSET hn f v", "ZINCRBY zn 0 a", "ZINCRBY zn 0 a",
                    "SELECT 3", "SET in3 1", "SELECT 0", "SET in0 1", "FLUSHDB")) {
                if (line.equals("SLEEP")) {
                    Thread.sleep(20);
                    continue;
                }
                conn.call(line);
            }
            // RESTORE with a relative TTL is written with the absolute time and ABSTTL
            conn.call("SET dk v");
            byte[] dump = conn.call("DUMP dk");
            String head = new String(dump, 0, 8, StandardCharsets.ISO_8859_1);
            int start = head.indexOf("\r\n") + 2;
            byte[] payload = java.util.Arrays.copyOfRange(dump, start, dump.length - 2);
            conn.call("RESTORE".getBytes(), "rk".getBytes(), "100000".getBytes(), payload);
            conn.call("RESTORE".getBytes(), "rk".getBytes(), "100000".getBytes(), payload, "REPLACE".getBytes(),
                    "IDLETIME".getBytes(), "10".getBytes());
            conn.call("RESTORE".getBytes(), "rk2".getBytes(), "0".getBytes(), payload);
            // blocking pops served later are written in their non-blocking form
            blocked.write(RawConnection.encode(RawConnection.split("BLPOP bl 0")));
            blocked.write(RawConnection.encode(RawConnection.split("BZPOPMIN bz 0")));
            blocked.write(RawConnection.encode(RawConnection.split("BLMPOP 0 1 bl2 RIGHT COUNT 9")));
            blocked.write(RawConnection.encode(RawConnection.split("BZMPOP 0 1 bz2 MAX COUNT 9")));
            Thread.sleep(200);
            conn.call("RPUSH bl x y");
            assertTrue(new String(blocked.readReply(), StandardCharsets.ISO_8859_1).contains("x"));
            Thread.sleep(200);
            conn.call("ZADD bz 1 m");
            assertTrue(new String(blocked.readReply(), StandardCharsets.ISO_8859_1).contains("m"));
            Thread.sleep(200);
            conn.call("RPUSH bl2 p q");
            assertTrue(new String(blocked.readReply(), StandardCharsets.ISO_8859_1).contains("q"));
            Thread.sleep(200);
            conn.call("ZADD bz2 1 n 2 o");
            assertTrue(new String(blocked.readReply(), StandardCharsets.ISO_8859_1).contains("o"));
            conn.call("SET last 1");
        }
    }

    @Test
    void propagatedFormsMatchRedis() throws Exception {
        Path rdir = Files.createTempDirectory("aof-prop-r-");
        Path cdir = Files.createTempDirectory("aof-prop-c-");
        try (ServerProcess r = ServerProcess.redis("--dir", rdir.toString(), "--appendonly", "yes");
             ServerProcess c = ServerProcess.cinnabar("--dir", cdir.toString(), "--appendonly", "yes")) {
            rewrittenCommands(r);
            rewrittenCommands(c);
            String expected = incr(rdir, "appendonly.aof.1.incr.aof");
            assertTrue(expected.contains("PXAT") && expected.contains("SREM") && expected.contains("HSET"), expected);
            assertEquals(expected, incr(cdir, "appendonly.aof.1.incr.aof"));
        }
    }

    /** The commands of a base file written without an RDB preamble, per key (the order of keys is the hash table's). */
    private static java.util.Map<String, List<String>> rewrittenBase(boolean redis) throws Exception {
        Path dir = Files.createTempDirectory("aof-cmds-");
        String[] args = {"--dir", dir.toString(), "--appendonly", "yes", "--aof-use-rdb-preamble", "no"};
        try (ServerProcess p = redis ? ServerProcess.redis(args) : ServerProcess.cinnabar(args);
             RawConnection conn = p.connect()) {
            call(conn, "FUNCTION", "LOAD", LIBRARY);
            conn.call("RPUSH l a 1 b 3.5 -7 " + "x ".repeat(70));
            conn.call("PEXPIREAT l 4000000000000");
            conn.call("SADD ints 5 -3 9 1000000000000");
            StringBuilder many = new StringBuilder("SADD manyints");
            StringBuilder zadd = new StringBuilder("ZADD z 1.5 a 0.1 b 3 c -inf d 1e300 e -0.25 f");
            StringBuilder hset = new StringBuilder("HSET h f1 v1 f2 2");
            for (int i = 0; i < 70; i++) {
                many.append(' ').append(i * 3);
                zadd.append(' ').append(i).append(".125 m").append(i);
                hset.append(" field").append(i).append(" value").append(i);
            }
            conn.call(many.toString());
            conn.call(zadd.toString());
            conn.call(hset.toString());
            conn.call("SET str v");
            conn.call("SET num 12345");
            conn.call("PFADD hll a b c");
            conn.call("SELECT 5");
            conn.call("RPUSH other q");
            call(conn, "BGREWRITEAOF");
            awaitRewrite(conn);
        }
        checkAof(dir);
        byte[] data = Files.readAllBytes(dir.resolve("appendonlydir").resolve("appendonly.aof.2.base.aof"));
        java.util.Map<String, List<String>> perKey = new java.util.TreeMap<>();
        String db = "?";
        int pos = 0;
        while (pos < data.length) {
            int nl = indexOf(data, pos);
            int n = Integer.parseInt(new String(data, pos + 1, nl - pos - 2, StandardCharsets.US_ASCII));
            pos = nl + 1;
            List<String> argv = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                nl = indexOf(data, pos);
                int len = Integer.parseInt(new String(data, pos + 1, nl - pos - 2, StandardCharsets.US_ASCII));
                argv.add(new String(data, nl + 1, len, StandardCharsets.ISO_8859_1));
                pos = nl + 1 + len + 2;
            }
            if (argv.get(0).equals("SELECT")) {
                db = argv.get(1);
                continue;
            }
            String key = argv.get(0).equals("FUNCTION") ? "(functions)" : db + ":" + argv.get(1);
            perKey.computeIfAbsent(key, k -> new ArrayList<>()).add(String.join(" ", argv));
        }
        return perKey;
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no newline after " + from);
    }

    @Test
    void aBaseWithoutPreambleHoldsRedisCommands() throws Exception {
        java.util.Map<String, List<String>> expected = rewrittenBase(true);
        assertTrue(expected.get("0:l").get(0).startsWith("RPUSH l a 1 b 3.5 -7 x"), expected.toString());
        assertEquals(2, expected.get("0:z").size(), expected.toString()); // 76 members: 64 a command
        assertEquals(expected, rewrittenBase(false));
    }

    /** A single-file AOF of Redis 6 in {@code dir}: what becomes of it, and of the data, after two starts. */
    private static final byte[] OLD_STYLE_COMMANDS = ("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n"
            + "$1\r\n1\r\n*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\nx\r\n").getBytes(StandardCharsets.US_ASCII);

    private static List<String> migratedOldStyleAof(boolean redis) throws Exception {
        return migratedOldStyleAof(redis, OLD_STYLE_COMMANDS, false);
    }

    /**
     * Starts twice from a directory holding {@code oldFile} as {@code appendonly.aof}; with {@code
     * cutShort}, the AOF directory already has the manifest a migration writes before it moves the
     * file (a migration interrupted there). What the client and the directory show each time.
     */
    private static List<String> migratedOldStyleAof(boolean redis, byte[] oldFile, boolean cutShort) throws Exception {
        Path dir = Files.createTempDirectory("aof-old-");
        Files.write(dir.resolve("appendonly.aof"), oldFile);
        if (cutShort) {
            Files.createDirectories(dir.resolve("appendonlydir"));
            Files.writeString(dir.resolve("appendonlydir").resolve("appendonly.aof.manifest"),
                    "file appendonly.aof seq 1 type b\n");
        }
        String[] args = {"--dir", dir.toString(), "--appendonly", "yes"};
        List<String> seen = new ArrayList<>();
        for (int start = 0; start < 2; start++) {
            try (ServerProcess p = redis ? ServerProcess.redis(args) : ServerProcess.cinnabar(args);
                 RawConnection conn = p.connect()) {
                // the loader's commands are outside the statistics (Redis runs cmd->proc directly)
                String stats = call(conn, "INFO", "commandstats");
                seen.add(call(conn, "MGET", "a", "b") + call(conn, "LRANGE", "l", "0", "-1")
                        + " rpush counted: " + stats.contains("cmdstat_rpush") + ", set counted: " + stats.contains("cmdstat_set:"));
                call(conn, "SET", "b", "2");
            }
            try (Stream<Path> files = Files.list(dir.resolve("appendonlydir"))) {
                seen.add(files.map(f -> f.getFileName().toString()).sorted().toList().toString());
            }
            seen.add(Files.readString(dir.resolve("appendonlydir").resolve("appendonly.aof.manifest")));
            seen.add(Boolean.toString(Files.exists(dir.resolve("appendonly.aof"))));
        }
        checkAof(dir);
        return seen;
    }

    @Test
    void anOldStyleAofIsMigratedIntoTheDirectoryAsByRedis() throws Exception {
        List<String> expected = migratedOldStyleAof(true);
        assertTrue(expected.get(2).contains("file appendonly.aof seq 1 type b"), expected.toString());
        assertEquals(expected, migratedOldStyleAof(false));
    }

    @Test
    void aMigrationCutShortAfterItsManifestIsFinishedAsByRedis() throws Exception {
        List<String> expected = migratedOldStyleAof(true, OLD_STYLE_COMMANDS, true);
        assertTrue(expected.get(0).contains("$1\r\n1\r\n") && expected.get(0).contains("rpush counted: false")
                && expected.get(3).equals("false"), expected.toString());
        assertEquals(expected, migratedOldStyleAof(false, OLD_STYLE_COMMANDS, true));
    }

    /**
     * A Redis 6 AOF written with {@code aof-use-rdb-preamble yes}: an RDB part, then the commands
     * that came after the last rewrite. Both are loaded, and the file is kept as the base.
     */
    @Test
    void anOldStyleAofWithAnRdbPreambleLoadsItsCommandTailAsRedis() throws Exception {
        Path src = Files.createTempDirectory("aof-old-rdb-");
        try (ServerProcess p = ServerProcess.redis("--dir", src.toString());
             RawConnection conn = p.connect()) {
            call(conn, "SET", "a", "from-rdb");
            call(conn, "HSET", "h", "f", "v");
            call(conn, "SAVE");
        }
        byte[] rdb = Files.readAllBytes(src.resolve("dump.rdb"));
        byte[] tail = ("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$8\r\nfrom-aof\r\n"
                + "*3\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\nx\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] oldFile = new byte[rdb.length + tail.length];
        System.arraycopy(rdb, 0, oldFile, 0, rdb.length);
        System.arraycopy(tail, 0, oldFile, rdb.length, tail.length);
        List<String> expected = migratedOldStyleAof(true, oldFile, false);
        assertTrue(expected.get(0).contains("from-aof") && expected.get(0).contains("$1\r\nx\r\n"), expected.toString());
        assertEquals(expected, migratedOldStyleAof(false, oldFile, false));
    }

    /** The incr and (command) base files written with {@code aof-timestamp-enabled yes}, times masked. */
    private static List<String> withTimestamps(boolean redis) throws Exception {
        Path dir = Files.createTempDirectory("aof-ts-");
        String[] args = {"--dir", dir.toString(), "--appendonly", "yes", "--aof-timestamp-enabled", "yes",
                "--aof-use-rdb-preamble", "no"};
        List<String> files = new ArrayList<>();
        try (ServerProcess p = redis ? ServerProcess.redis(args) : ServerProcess.cinnabar(args);
             RawConnection conn = p.connect()) {
            // each sleep starts a new second, so each of these writes is annotated; the others may
            // or may not share a second with the previous one, so annotations are compared apart
            Thread.sleep(1100);
            call(conn, "SET", "a", "1");
            Thread.sleep(1100);
            call(conn, "SET", "b", "2");
            call(conn, "MULTI");
            call(conn, "INCR", "a");
            call(conn, "INCR", "b");
            call(conn, "EXEC");
            // history once rewritten; Redis may hold a write back for up to 2 s while an fsync runs
            String first = incr(dir, "appendonly.aof.1.incr.aof");
            for (int i = 0; i < 60 && !first.contains("EXEC"); i++) {
                Thread.sleep(100);
                first = incr(dir, "appendonly.aof.1.incr.aof");
            }
            files.add(first);
            call(conn, "DEL", "b"); // one key in the base: the order of keys is the hash table's
            call(conn, "BGREWRITEAOF");
            awaitRewrite(conn);
            Thread.sleep(1100);
            call(conn, "SET", "c", "3");
        }
        for (String name : List.of("appendonly.aof.2.base.aof", "appendonly.aof.2.incr.aof")) {
            files.add(incr(dir, name));
        }
        // each file starts in a new second (the base: always), and SET b is in one after SET a's
        for (String f : files) {
            assertTrue(f.startsWith("#TS:"), f);
        }
        assertTrue(files.get(0).indexOf("#TS:", 1) > 0, files.get(0));
        files.replaceAll(f -> f.replaceAll("#TS:[0-9]+\r\n", ""));
        // and the directory loads back, annotations skipped
        try (ServerProcess p = redis ? ServerProcess.redis(args) : ServerProcess.cinnabar(args);
             RawConnection conn = p.connect()) {
            files.add(call(conn, "MGET", "a", "b", "c"));
        }
        checkAof(dir);
        return files;
    }

    @Test
    void timestampAnnotationsAreWrittenAndSkippedAsRedis() throws Exception {
        assertEquals(withTimestamps(true), withTimestamps(false));
    }

    /** What a client sees once the AOF can no longer be written (the new incr file is /dev/full). */
    private static List<String> afterAofWriteError(boolean redis) throws Exception {
        Path dir = Files.createTempDirectory("aof-full-");
        List<String> seen = new ArrayList<>();
        try (ServerProcess p = redis ? ServerProcess.redis("--dir", dir.toString(), "--appendonly", "yes")
                : ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes");
             RawConnection conn = p.connect()) {
            call(conn, "FUNCTION", "LOAD", "#!lua name=lib\nredis.register_function('w', function(keys) "
                    + "return redis.call('set', keys[1], 'x') end)\nredis.register_function{function_name='r', "
                    + "callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}");
            call(conn, "SET", "a", "1");
            Files.createSymbolicLink(dir.resolve("appendonlydir").resolve("appendonly.aof.2.incr.aof"), Path.of("/dev/full"));
            call(conn, "BGREWRITEAOF");
            awaitRewrite(conn);
            for (String[] c : new String[][]{
                    {"SET", "b", "2"}, {"SET", "c", "3"}, {"PING"}, {"GET", "a"}, {"GET", "b"}, {"DEL", "a"},
                    {"EVAL", "return redis.call('set', 'x', '1')", "0"},
                    {"EVAL", "return redis.pcall('incr', 'y')", "0"},
                    {"EVAL", "return redis.call('get', 'a')", "0"},
                    {"EVAL", "#!lua\nreturn redis.call('set', 'x', '1')", "0"},
                    {"EVAL", "#!lua flags=no-writes\nreturn redis.call('get', 'a')", "0"},
                    {"FCALL", "w", "1", "k"}, {"FCALL", "r", "1", "a"}, {"FCALL", "nosuch", "0"},
                    {"MULTI"}, {"SET", "d", "4"}, {"EXEC"}, {"DBSIZE"}}) {
                seen.add(String.join(" ", c) + " -> " + call(conn, c));
            }
            String info = call(conn, "INFO", "persistence");
            seen.add(info.lines().filter(l -> l.startsWith("aof_last_write_status")).findFirst().orElse("?"));
        }
        return seen;
    }

    @Test
    void aWriteErrorOnTheAofRefusesWritesAsRedis() throws Exception {
        List<String> expected = afterAofWriteError(true);
        assertTrue(expected.toString().contains("MISCONF Errors writing to the AOF file: No space left on device"),
                expected.toString());
        assertEquals(expected, afterAofWriteError(false));
    }

    @Test
    void killNineUnderAppendfsyncAlwaysLosesNoAcknowledgedWrite() throws Exception {
        Path dir = Files.createTempDirectory("aof-kill-");
        int clients = 4;
        long[] ackedIncr = new long[clients];
        int[] ackedPush = new int[clients];
        AtomicBoolean stop = new AtomicBoolean();
        ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always");
        List<Thread> threads = new ArrayList<>();
        try {
            for (int t = 0; t < clients; t++) {
                int id = t;
                RawConnection conn = c.connect();
                Thread th = new Thread(() -> {
                    try (conn) {
                        for (int i = 1; !stop.get(); i++) {
                            String a = call(conn, "INCR", "counter" + id);
                            ackedIncr[id] = Long.parseLong(a.substring(1).trim());
                            String b = call(conn, "RPUSH", "list" + id, Integer.toString(i));
                            if (!b.startsWith(":")) {
                                return;
                            }
                            ackedPush[id] = i;
                        }
                    } catch (RuntimeException e) {
                        // the server was killed mid-request: that write was not acknowledged
                    }
                });
                threads.add(th);
                th.start();
            }
            Thread.sleep(1500);
            c.process().destroyForcibly(); // SIGKILL
            assertTrue(c.process().waitFor(10, TimeUnit.SECONDS));
            stop.set(true);
            for (Thread th : threads) {
                th.join(10000);
            }
        } finally {
            c.close();
        }
        long total = 0;
        for (int t = 0; t < clients; t++) {
            total += ackedIncr[t];
        }
        assertTrue(total > 20, "the load ran: " + total);
        try (ServerProcess again = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes");
             RawConnection conn = again.connect()) {
            for (int t = 0; t < clients; t++) {
                String v = call(conn, "GET", "counter" + t);
                long stored = Long.parseLong(v.split("\r\n")[1]);
                assertTrue(stored >= ackedIncr[t], "counter" + t + ": acknowledged " + ackedIncr[t] + ", found " + stored);
                String len = call(conn, "LLEN", "list" + t);
                long n = Long.parseLong(len.substring(1).trim());
                assertTrue(n >= ackedPush[t], "list" + t + ": acknowledged " + ackedPush[t] + ", found " + n);
                String last = call(conn, "LINDEX", "list" + t, Integer.toString(ackedPush[t] - 1));
                assertEquals("$" + Integer.toString(ackedPush[t]).length() + "\r\n" + ackedPush[t] + "\r\n", last);
            }
        }
    }

    private static Path writtenAof(String prefix) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        try (ServerProcess c = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes");
             RawConnection conn = c.connect()) {
            call(conn, "SET", "a", "1");
            call(conn, "SET", "b", "2");
        }
        return dir;
    }

    private static String startFails(boolean redis, String... args) {
        try (ServerProcess p = redis ? ServerProcess.redis(args) : ServerProcess.cinnabar(args)) {
            fail("the server started: " + p.log());
            return "";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Test
    void truncatedTailIsDroppedOrRefusedAsConfigured() throws Exception {
        for (boolean redis : new boolean[]{true, false}) {
            Path dir = writtenAof("aof-trunc-");
            Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
            long good = Files.size(incr);
            Files.write(incr, "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$2\r\n3".getBytes(StandardCharsets.US_ASCII),
                    java.nio.file.StandardOpenOption.APPEND);
            String log = startFails(redis, "--dir", dir.toString(), "--appendonly", "yes", "--aof-load-truncated", "no");
            assertTrue(log.contains("Unexpected end of file reading the append only file appendonly.aof.1.incr.aof"), log);
            try (ServerProcess p = redis ? ServerProcess.redis("--dir", dir.toString(), "--appendonly", "yes")
                    : ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes");
                 RawConnection conn = p.connect()) {
                assertEquals("$1\r\n2\r\n", call(conn, "GET", "b"));
                assertEquals("$-1\r\n", call(conn, "GET", "c"));
                assertTrue(p.log().contains("!!! Truncating the AOF appendonly.aof.1.incr.aof at offset " + good + " !!!"), p.log());
                assertEquals(good, Files.size(incr));
            }
        }
    }

    @Test
    void truncatedTransactionIsReverted() throws Exception {
        Path dir = writtenAof("aof-trunc-multi-");
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        long good = Files.size(incr);
        Files.write(incr, "*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n".getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        try (ServerProcess p = ServerProcess.cinnabar("--dir", dir.toString(), "--appendonly", "yes");
             RawConnection conn = p.connect()) {
            assertEquals("$-1\r\n", call(conn, "GET", "c"));
            assertTrue(p.log().contains("Revert incomplete MULTI/EXEC transaction in AOF file appendonly.aof.1.incr.aof"), p.log());
            assertEquals(good, Files.size(incr));
        }
    }

    @Test
    void corruptAofIsRefusedAsByRedis() throws Exception {
        for (boolean redis : new boolean[]{true, false}) {
            Path dir = writtenAof("aof-corrupt-");
            Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
            Files.write(incr, "garbage\r\n*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII),
                    java.nio.file.StandardOpenOption.APPEND);
            String log = startFails(redis, "--dir", dir.toString(), "--appendonly", "yes");
            assertTrue(log.contains("Bad file format reading the append only file appendonly.aof.1.incr.aof"), log);

            Path dir2 = writtenAof("aof-unknown-");
            Files.write(dir2.resolve("appendonlydir/appendonly.aof.1.incr.aof"),
                    "*1\r\n$7\r\nNOSUCHC\r\n".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
            log = startFails(redis, "--dir", dir2.toString(), "--appendonly", "yes");
            assertTrue(log.contains("Unknown command 'NOSUCHC' reading the append only file appendonly.aof.1.incr.aof"), log);

            Path dir3 = writtenAof("aof-manifest-");
            Files.writeString(dir3.resolve("appendonlydir/appendonly.aof.manifest"), "file x seq 1\n");
            log = startFails(redis, "--dir", dir3.toString(), "--appendonly", "yes");
            assertTrue(log.contains("Invalid AOF manifest file format"), log);
            assertFalse(log.isEmpty());
        }
    }
}
