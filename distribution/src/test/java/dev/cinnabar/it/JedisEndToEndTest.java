package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis, a real client, against Cinnabar started from the distribution. */
class JedisEndToEndTest {

    private static ServerProcess cinnabar;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar();
    }

    @AfterAll
    static void stop() {
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    private static Jedis connect() {
        return new Jedis("127.0.0.1", cinnabar.port());
    }

    private static byte[] binary(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 131 + seed);
        }
        return b;
    }

    @Test
    void pingEchoAndQuit() {
        try (Jedis j = connect()) {
            assertEquals("PONG", j.ping());
            assertEquals("hello", j.echo("hello"));
            assertArrayEquals(new byte[] {0, (byte) 0xff}, j.echo(new byte[] {0, (byte) 0xff}));
        }
    }

    @Test
    void setAndGetBinaryValues() {
        try (Jedis j = connect()) {
            byte[] key = {'k', 0, (byte) 0xfe, '\r', '\n'};
            byte[] value = binary(300_000, 7);
            assertEquals("OK", j.set(key, value));
            assertArrayEquals(value, j.get(key));
            assertEquals("OK", j.set(key, new byte[0]));
            assertArrayEquals(new byte[0], j.get(key));
            assertEquals(1L, j.del(key));
            assertNull(j.get(key));
        }
    }

    @Test
    void pipelining() {
        try (Jedis j = connect()) {
            Pipeline p = j.pipelined();
            for (int i = 0; i < 1000; i++) {
                p.set("pipe:" + i, "v" + i);
            }
            List<redis.clients.jedis.Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                gets.add(p.get("pipe:" + i));
            }
            p.sync();
            for (int i = 0; i < 1000; i++) {
                assertEquals("v" + i, gets.get(i).get());
            }
        }
    }

    @Test
    void selectKeepsDatabasesApart() {
        try (Jedis j = connect()) {
            assertEquals("OK", j.select(3));
            j.set("db-key", "three");
            assertEquals("OK", j.select(4));
            assertNull(j.get("db-key"));
            j.select(3);
            assertEquals("three", j.get("db-key"));
            j.del("db-key");
        }
    }

    @Test
    void manyConnectionsAtOnce() throws Exception {
        JedisPoolConfig cfg = new JedisPoolConfig();
        cfg.setMaxTotal(64);
        try (JedisPool pool = new JedisPool(cfg, "127.0.0.1", cinnabar.port())) {
            ExecutorService ex = Executors.newFixedThreadPool(32);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int id = t;
                done.add(ex.submit(() -> {
                    try (Jedis j = pool.getResource()) {
                        for (int i = 0; i < 50; i++) {
                            String k = "conn:" + id + ":" + i;
                            j.set(k, k);
                            assertEquals(k, j.get(k));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            ex.shutdown();
        }
        try (Jedis j = connect()) {
            assertEquals("conn:63:49", j.get("conn:63:49"));
        }
    }

    @Test
    void errorsSurfaceWithRedisText() {
        try (Jedis j = connect()) {
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.select(16));
            assertEquals("ERR DB index is out of range", e.getMessage());
            e = assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.GET));
            assertEquals("ERR wrong number of arguments for 'get' command", e.getMessage());
            e = assertThrows(JedisDataException.class,
                    () -> j.sendCommand(() -> "NOSUCHCMD".getBytes(StandardCharsets.US_ASCII), "a"));
            assertEquals("ERR unknown command 'NOSUCHCMD', with args beginning with: 'a' ", e.getMessage());
            assertEquals("PONG", j.ping()); // the connection is still usable
        }
        assertTrue(cinnabar.alive());
    }

    @Test
    void transactionRunsQueuedCommandsAtExec() {
        try (Jedis j = connect()) {
            j.del("tx:k", "tx:l");
            Transaction t = j.multi();
            t.set("tx:k", "1");
            Response<Long> incr = t.incr("tx:k");
            Response<Long> push = t.rpush("tx:l", "a", "b");
            Response<String> get = t.get("tx:k");
            List<Object> results = t.exec();
            assertEquals(4, results.size());
            assertEquals(2L, incr.get());
            assertEquals(2L, push.get());
            assertEquals("2", get.get());
            assertEquals("2", j.get("tx:k"));
        }
    }

    @Test
    void transactionErrorDuringExecIsItsReplyAndTheRestRuns() {
        try (Jedis j = connect()) {
            j.set("tx:text", "abc");
            Transaction t = j.multi();
            Response<Long> bad = t.incr("tx:text");
            Response<String> ok = t.set("tx:after", "x");
            List<Object> results = t.exec();
            assertEquals(2, results.size());
            JedisDataException e = assertThrows(JedisDataException.class, bad::get);
            assertEquals("ERR value is not an integer or out of range", e.getMessage());
            assertEquals("OK", ok.get());
            assertEquals("x", j.get("tx:after"));
        }
    }

    @Test
    void watchedKeyWrittenByAnotherClientAbortsExec() {
        try (Jedis j = connect(); Jedis other = connect()) {
            j.set("tx:w", "1");
            j.watch("tx:w");
            other.set("tx:w", "2");
            Transaction t = j.multi();
            t.set("tx:w", "mine");
            assertNull(t.exec());
            assertEquals("2", j.get("tx:w"));
            // watches are gone after EXEC: the next optimistic round succeeds
            j.watch("tx:w");
            Transaction again = j.multi();
            again.set("tx:w", "mine");
            assertEquals(List.of("OK"), again.exec());
            assertEquals("mine", j.get("tx:w"));
        }
    }

    @Test
    void discardDropsTheQueueAndTheConnectionStaysUsable() {
        try (Jedis j = connect()) {
            j.del("tx:d");
            Transaction t = j.multi();
            t.set("tx:d", "1");
            assertEquals("OK", t.discard());
            assertNull(j.get("tx:d"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.EXEC));
            assertEquals("ERR EXEC without MULTI", e.getMessage());
        }
    }
}
