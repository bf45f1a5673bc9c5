package dev.cinnabar.it;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
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
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis and Lettuce loading scripts and calling them by SHA, as applications do. */
class ScriptingClientsEndToEndTest {

    private static final String LIMITER = """
            local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(v[1]) or tonumber(ARGV[1])
            if tokens < 1 then return 0 end
            redis.call('HSET', KEYS[1], 'tokens', tokens - 1, 'ts', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], 60000)
            return 1
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

    @Test
    void jedisLoadsAndCallsBySha() {
        try (Jedis j = new Jedis("127.0.0.1", cinnabar.port())) {
            j.flushAll();
            String sha = j.scriptLoad(LIMITER);
            assertEquals(40, sha.length());
            assertEquals(List.of(true, false), j.scriptExists(sha, "0000000000000000000000000000000000000000"));
            for (int i = 0; i < 3; i++) {
                assertEquals(1L, j.evalsha(sha, List.of("bucket"), List.of("3", "1000")));
            }
            assertEquals(0L, j.evalsha(sha, List.of("bucket"), List.of("3", "1000")));
            assertEquals("0", j.hget("bucket", "tokens"));
            assertTrue(j.pttl("bucket") > 0);
            assertEquals(List.of("a", "b"), j.eval("return {KEYS[1], ARGV[1]}", 1, "a", "b"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.eval("return redis.call('incr', 'bucket')"));
            assertTrue(e.getMessage().startsWith("WRONGTYPE Operation against a key holding the wrong kind of value script: "), e.getMessage());
            byte[] binary = {0, (byte) 0xff, '\r', '\n', 7};
            assertArrayEquals(binary, (byte[]) j.eval("return ARGV[1]".getBytes(StandardCharsets.UTF_8), 0, binary));
            assertEquals("OK", j.scriptFlush());
            assertThrows(JedisNoScriptException.class, () -> j.evalsha(sha, List.of("bucket"), List.of("3", "1000")));
        }
    }

    @Test
    void lettuceLoadsAndCallsByShaInBothProtocols() {
        for (ProtocolVersion protocol : ProtocolVersion.values()) {
            lettuce.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
            try (StatefulRedisConnection<byte[], byte[]> conn = lettuce.connect(ByteArrayCodec.INSTANCE)) {
                RedisCommands<byte[], byte[]> sync = conn.sync();
                sync.flushall();
                String sha = sync.scriptLoad(LIMITER);
                byte[][] keys = {b("bucket")};
                assertEquals(1L, (Long) sync.evalsha(sha, ScriptOutputType.INTEGER, keys, b("2"), b("1000")));
                assertEquals(1L, (Long) sync.evalsha(sha, ScriptOutputType.INTEGER, keys, b("2"), b("1000")));
                assertEquals(0L, (Long) sync.evalsha(sha, ScriptOutputType.INTEGER, keys, b("2"), b("1000")));
                List<Object> multi = sync.eval("return {1, 'two', {ok='three'}}", ScriptOutputType.MULTI);
                assertEquals(3, multi.size());
                assertEquals(1L, multi.get(0));
                assertArrayEquals(b("two"), (byte[]) multi.get(1));
                assertEquals("OK", sync.eval("return redis.call('set', KEYS[1], ARGV[1])", ScriptOutputType.STATUS,
                        new byte[][] {b("k")}, b("v")));
                assertEquals(Boolean.TRUE, sync.eval("return redis.call('exists', 'k') == 1", ScriptOutputType.BOOLEAN));
                assertEquals(List.of(true, false), sync.scriptExists(sha, "ffffffffffffffffffffffffffffffffffffffff"));
                sync.scriptFlush();
                assertThrows(RedisNoScriptException.class, () -> sync.evalsha(sha, ScriptOutputType.INTEGER, keys));
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
