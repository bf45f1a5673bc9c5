package dev.cinnabar.it;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lettuce, a real client (Netty based, async), against Cinnabar started from the distribution. */
class LettuceEndToEndTest {

    private static ServerProcess cinnabar;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar();
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(cinnabar.port())
                .withTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    private static StatefulRedisConnection<byte[], byte[]> connect(ProtocolVersion protocol) {
        client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
        return client.connect(ByteArrayCodec.INSTANCE);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void exercise(StatefulRedisConnection<byte[], byte[]> conn) throws Exception {
        RedisCommands<byte[], byte[]> sync = conn.sync();
        assertEquals("PONG", sync.ping());
        assertArrayEquals(b("hi"), sync.echo(b("hi")));
        byte[] key = {'l', 0, (byte) 0x80};
        byte[] value = new byte[200_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i ^ (i >> 8));
        }
        assertEquals("OK", sync.set(key, value));
        assertArrayEquals(value, sync.get(key));
        assertEquals(1L, sync.del(key));
        assertNull(sync.get(key));

        // pipelining: queue many commands and flush them at once
        RedisAsyncCommands<byte[], byte[]> async = conn.async();
        conn.setAutoFlushCommands(false);
        List<RedisFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(async.set(b("lp:" + i), b("v" + i)));
        }
        List<RedisFuture<byte[]>> gets = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            gets.add(async.get(b("lp:" + i)));
        }
        conn.flushCommands();
        conn.setAutoFlushCommands(true);
        assertTrue(LettuceFutures.awaitAll(30, TimeUnit.SECONDS, futures.toArray(new RedisFuture[0])));
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(b("v" + i), gets.get(i).get(10, TimeUnit.SECONDS));
        }

        assertEquals("OK", sync.select(2));
        sync.set(b("sel"), b("two"));
        sync.select(0);
        assertNull(sync.get(b("sel")));
        sync.select(2);
        assertArrayEquals(b("two"), sync.get(b("sel")));
        sync.del(b("sel"));
        sync.select(0);

        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class, () -> sync.select(99));
        assertEquals("ERR DB index is out of range", e.getMessage());
        e = assertThrows(RedisCommandExecutionException.class,
                () -> sync.dispatch(io.lettuce.core.protocol.CommandType.GET,
                        new io.lettuce.core.output.ByteArrayOutput<>(ByteArrayCodec.INSTANCE)));
        assertEquals("ERR wrong number of arguments for 'get' command", e.getMessage());
        assertEquals("PONG", sync.ping());
    }

    @Test
    void resp2() throws Exception {
        try (StatefulRedisConnection<byte[], byte[]> conn = connect(ProtocolVersion.RESP2)) {
            exercise(conn);
        }
    }

    @Test
    void resp3() throws Exception {
        try (StatefulRedisConnection<byte[], byte[]> conn = connect(ProtocolVersion.RESP3)) {
            exercise(conn);
        }
    }

    @Test
    void manyConnections() throws Exception {
        List<StatefulRedisConnection<byte[], byte[]>> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                conns.add(connect(ProtocolVersion.RESP2));
            }
            List<RedisFuture<String>> sets = new ArrayList<>();
            for (int i = 0; i < conns.size(); i++) {
                sets.add(conns.get(i).async().set(b("mc:" + i), b("c" + i)));
            }
            assertTrue(LettuceFutures.awaitAll(30, TimeUnit.SECONDS, sets.toArray(new RedisFuture[0])));
            for (int i = 0; i < conns.size(); i++) {
                assertArrayEquals(b("c" + i), conns.get((i + 1) % conns.size()).sync().get(b("mc:" + i)));
            }
        } finally {
            conns.forEach(StatefulRedisConnection::close);
        }
    }
}
