package dev.cinnabar.it;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code js} engine (plugin engine-js) from the distribution, driven by Jedis, Lettuce (RESP2
 * and RESP3) and raw RESP: EVAL bodies, function libraries, conversions both ways, errors.
 */
class JsScriptsClientsEndToEndTest {

    private static final String LIBRARY = """
            #!js name=counters
            redis.registerFunction('incr', function(keys, args) { return redis.call('INCR', keys[0]); });
            redis.registerFunction('peek', function(keys) { return redis.call('GET', keys[0]); },
                {flags: ['no-writes'], description: 'reads a counter'});
            redis.registerFunction('write_ro', function(keys) { return redis.call('SET', keys[0], 'x'); },
                {flags: ['no-writes']});
            """;

    private static ServerProcess cinnabar;
    private static RedisClient lettuce;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar();
        lettuce = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(cinnabar.port())
                .withTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() {
        if (lettuce != null) {
            lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    private static String raw(RawConnection c, String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return new String(c.call(argv), StandardCharsets.ISO_8859_1);
    }

    @Test
    void evalOfAJsBodyRepliesItsResult() {
        try (RawConnection c = cinnabar.connect()) {
            assertEquals(":42\r\n", raw(c, "EVAL", "#!js\nreturn 40 + 2;", "0"));
            assertEquals("*2\r\n$1\r\nk\r\n$1\r\nv\r\n", raw(c, "EVAL", "#!js\nreturn [KEYS[0], ARGV[0]];", "1", "k", "v"));
            String binary = "\u0000\u00ff\r\n\u00e9";
            assertEquals("$5\r\n" + binary + "\r\n", raw(c, "EVAL", "#!js\nreturn ARGV[0];", "0", binary));
            // set, then read back through redis.call: bytes stay bytes
            assertEquals("$5\r\n" + binary + "\r\n",
                    raw(c, "EVAL", "#!js\nredis.call('SET', KEYS[0], ARGV[0]); return redis.call('GET', KEYS[0]);", "1", "bin", binary));
            assertEquals("$5\r\n" + binary + "\r\n", raw(c, "GET", "bin"));
            // EVALSHA of a js body, and a shebang flag
            String sha = raw(c, "SCRIPT", "LOAD", "#!js flags=no-writes\nreturn redis.call('GET', KEYS[0]);").split("\r\n")[1];
            assertEquals("$5\r\n" + binary + "\r\n", raw(c, "EVALSHA_RO", sha, "1", "bin"));
            assertTrue(raw(c, "EVAL", "#!js flags=no-writes\nreturn redis.call('SET', 'a', 'b');", "0")
                    .startsWith("-ERR Write commands are not allowed from read-only scripts."));
        }
    }

    @Test
    void conversionsBothWaysInResp2AndResp3() {
        try (RawConnection c = cinnabar.connect()) {
            raw(c, "DEL", "h");
            raw(c, "HSET", "h", "f", "v");
            assertEquals("*5\r\n:1\r\n:2\r\n$-1\r\n:1\r\n$-1\r\n", raw(c, "EVAL", "#!js\nreturn [1, 2.7, null, true, false];", "0"));
            assertEquals("+PONG\r\n", raw(c, "EVAL", "#!js\nreturn redis.call('PING');", "0"));
            assertEquals("*2\r\n$1\r\nf\r\n$1\r\nv\r\n", raw(c, "EVAL", "#!js\nreturn redis.call('HGETALL', 'h');", "0"));
            assertEquals("*2\r\n$1\r\na\r\n:1\r\n", raw(c, "EVAL", "#!js\nreturn {a: 1};", "0"));
            assertEquals("$4\r\nnull\r\n", raw(c, "EVAL", "#!js\nreturn String(redis.call('GET', 'missing'));", "0"));
            assertEquals("$3\r\n1.5\r\n", raw(c, "EVAL", "#!js\nreturn {double: 1.5};", "0"));
            assertTrue(raw(c, "HELLO", "3").contains("proto"));
            // the client speaks RESP3 now: maps, doubles, booleans arrive as such
            assertEquals("%1\r\n$1\r\na\r\n:1\r\n", raw(c, "EVAL", "#!js\nreturn {a: 1};", "0"));
            assertEquals(",1.5\r\n", raw(c, "EVAL", "#!js\nreturn {double: 1.5};", "0"));
            assertEquals("#t\r\n", raw(c, "EVAL", "#!js\nredis.setresp(3); return true;", "0"));
            assertEquals("%1\r\n$1\r\nf\r\n$1\r\nv\r\n", raw(c, "EVAL", "#!js\nredis.setresp(3); return redis.call('HGETALL', 'h');", "0"));
            assertEquals("$6\r\nobject\r\n", raw(c, "EVAL", "#!js\nredis.setresp(3); return typeof redis.call('HGETALL', 'h').map;", "0"));
            assertEquals("_\r\n", raw(c, "EVAL", "#!js\nreturn null;", "0"));
        }
    }

    @Test
    void errorsAreRedisErrors() {
        try (RawConnection c = cinnabar.connect()) {
            raw(c, "SET", "s", "x");
            String e = raw(c, "EVAL", "#!js\nreturn redis.call('LPUSH', 's', 1);", "0");
            assertTrue(e.startsWith("-WRONGTYPE Operation against a key holding the wrong kind of value script: "), e);
            assertTrue(e.contains("on @user_script:2."), e);
            assertEquals("$9\r\nWRONGTYPE\r\n",
                    raw(c, "EVAL", "#!js\ntry { redis.call('LPUSH', 's', 1); } catch (e) { return e.err.split(' ')[0]; }", "0"));
            assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                    raw(c, "EVAL", "#!js\nreturn redis.pcall('LPUSH', 's', 1);", "0"));
            assertEquals("-MY custom\r\n", raw(c, "EVAL", "#!js\nreturn redis.error_reply('MY custom');", "0"));
            assertEquals("+FINE\r\n", raw(c, "EVAL", "#!js\nreturn redis.status_reply('FINE');", "0"));
            assertTrue(raw(c, "EVAL", "#!js\nthrow new Error('boom');", "0").startsWith("-ERR boom script: "));
            assertTrue(raw(c, "EVAL", "#!js\nreturn (;", "0").startsWith("-ERR Error compiling script (new function): user_script:2: "));
        }
    }

    @Test
    void jedisRunsScriptsAndFunctions() {
        try (Jedis j = new Jedis("127.0.0.1", cinnabar.port())) {
            j.del("n");
            assertEquals(42L, j.eval("#!js\nreturn 40 + 2;"));
            assertEquals(List.of("a", "b"), j.eval("#!js\nreturn [KEYS[0], ARGV[0]];", 1, "a", "b"));
            assertEquals("counters", j.functionLoadReplace(LIBRARY));
            assertEquals(1L, j.fcall("incr", List.of("n"), List.of()));
            assertEquals(2L, j.fcall("incr", List.of("n"), List.of()));
            assertEquals("2", j.fcallReadonly("peek", List.of("n"), List.of()));
            JedisDataException ro = assertThrows(JedisDataException.class, () -> j.fcallReadonly("incr", List.of("n"), List.of()));
            assertTrue(ro.getMessage().startsWith("ERR Can not execute a script with write flag using *_ro command."), ro.getMessage());
            JedisDataException w = assertThrows(JedisDataException.class, () -> j.fcall("write_ro", List.of("n"), List.of()));
            assertTrue(w.getMessage().startsWith("ERR Write commands are not allowed from read-only scripts."), w.getMessage());
        }
    }

    @Test
    void functionListAndStatsNameTheEngineJs() {
        try (RawConnection c = cinnabar.connect()) {
            raw(c, "FUNCTION", "FLUSH");
            assertEquals("$8\r\ncounters\r\n", raw(c, "FUNCTION", "LOAD", LIBRARY));
            String list = raw(c, "FUNCTION", "LIST", "LIBRARYNAME", "counters");
            assertTrue(list.contains("$6\r\nengine\r\n$2\r\nJS\r\n"), list);
            assertTrue(list.contains("$4\r\npeek\r\n$11\r\ndescription\r\n$15\r\nreads a counter\r\n$5\r\nflags\r\n*1\r\n+no-writes\r\n"), list);
            String stats = raw(c, "FUNCTION", "STATS");
            assertTrue(stats.contains("$2\r\nJS\r\n*4\r\n$15\r\nlibraries_count\r\n:1\r\n$15\r\nfunctions_count\r\n:3\r\n"), stats);
            assertEquals("-ERR Library 'counters' already exists\r\n", raw(c, "FUNCTION", "LOAD", LIBRARY));
            assertTrue(raw(c, "FUNCTION", "LOAD", "#!js name=bad\nredis.registerFunction('f', 1);")
                    .startsWith("-ERR Error registering functions: ERR second argument to redis.register_function must be a function"));
            assertTrue(raw(c, "FUNCTION", "LOAD", "#!js name=empty\nvar x = 1;").startsWith("-ERR No functions registered"));
            assertEquals("+OK\r\n", raw(c, "FUNCTION", "DELETE", "counters"));
            assertEquals("$8\r\ncounters\r\n", raw(c, "FUNCTION", "LOAD", LIBRARY));
            // FUNCTION DUMP carries the js library; RESTORE brings it back working
            String dump = raw(c, "FUNCTION", "DUMP");
            String payload = dump.substring(dump.indexOf("\r\n") + 2, dump.length() - 2);
            assertEquals("+OK\r\n", raw(c, "FUNCTION", "FLUSH"));
            assertEquals("+OK\r\n", raw(c, "FUNCTION", "RESTORE", payload));
            raw(c, "SET", "restored", "41");
            assertEquals(":42\r\n", raw(c, "FCALL", "incr", "1", "restored"));
        }
    }

    @Test
    void lettuceRunsScriptsAndFunctionsInBothProtocols() {
        for (ProtocolVersion protocol : new ProtocolVersion[] {ProtocolVersion.RESP2, ProtocolVersion.RESP3}) {
            lettuce.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
            try (StatefulRedisConnection<byte[], byte[]> conn = lettuce.connect(ByteArrayCodec.INSTANCE)) {
                RedisCommands<byte[], byte[]> sync = conn.sync();
                sync.del(b("lc"));
                assertEquals(42L, (Long) sync.eval("#!js\nreturn 40 + 2;", ScriptOutputType.INTEGER));
                List<Object> multi = sync.eval("#!js\nreturn [1, 'two', {ok: 'three'}];", ScriptOutputType.MULTI);
                assertEquals(3, multi.size());
                assertEquals(1L, multi.get(0));
                assertArrayEquals(b("two"), (byte[]) multi.get(1));
                assertEquals("OK", sync.eval("#!js\nreturn redis.call('SET', KEYS[0], ARGV[0]);", ScriptOutputType.STATUS,
                        new byte[][] {b("lk")}, b("v")));
                assertEquals(Boolean.TRUE, sync.eval("#!js\nreturn redis.call('EXISTS', 'lk') == 1;", ScriptOutputType.BOOLEAN));
                sync.functionLoad(LIBRARY.replace("name=counters", "name=lettuce_" + protocol.name())
                        .replace("'incr'", "'incr_" + protocol + "'").replace("'peek'", "'peek_" + protocol + "'")
                        .replace("'write_ro'", "'write_ro_" + protocol + "'"), true);
                assertEquals(1L, (Long) sync.fcall("incr_" + protocol, ScriptOutputType.INTEGER, b("lc")));
                assertArrayEquals(b("1"), (byte[]) sync.fcallReadOnly("peek_" + protocol, ScriptOutputType.VALUE, b("lc")));
                if (protocol == ProtocolVersion.RESP3) {
                    Object map = sync.eval("#!js\nreturn {a: 1};", ScriptOutputType.OBJECT);
                    assertTrue(map instanceof Map<?, ?> m && m.size() == 1, String.valueOf(map));
                }
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
