package dev.cinnabar.it;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A busy script as applications meet it, with real clients: one client's script loops, a second
 * client gets the client library's BUSY error, kills it, and the first client's call fails with the
 * killed-script error; the same for functions with FUNCTION KILL.
 */
class BusyScriptsClientsEndToEndTest {

    private static ServerProcess cinnabar;
    private static RedisClient lettuce;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar("--busy-reply-threshold", "100");
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

    private static void waitBusy(Jedis other) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                other.get("probe");
            } catch (JedisBusyException busy) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never turned busy");
    }

    @Test
    void jedisScriptKill() throws Exception {
        try (Jedis first = new Jedis("127.0.0.1", cinnabar.port(), 10_000);
             Jedis second = new Jedis("127.0.0.1", cinnabar.port(), 10_000)) {
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> first.eval("while true do end"));
            waitBusy(second);
            JedisBusyException busy = assertThrows(JedisBusyException.class, () -> second.set("k", "v"));
            assertEquals("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", busy.getMessage());
            assertEquals("OK", second.scriptKill());
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof JedisDataException, e.getCause().toString());
            assertTrue(e.getCause().getMessage().startsWith("ERR Script killed by user with SCRIPT KILL..."), e.getCause().getMessage());
            assertEquals("PONG", first.ping());
            assertEquals("OK", second.set("k", "v"));
        }
    }

    @Test
    void jedisFunctionKill() throws Exception {
        try (Jedis first = new Jedis("127.0.0.1", cinnabar.port(), 10_000);
             Jedis second = new Jedis("127.0.0.1", cinnabar.port(), 10_000)) {
            first.functionLoadReplace("#!lua name=spinlib\nredis.register_function('spin', function() while true do end end)");
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> first.fcall("spin", java.util.List.of(), java.util.List.of()));
            waitBusy(second);
            JedisBusyException busy = assertThrows(JedisBusyException.class, () -> second.get("k"));
            assertEquals("BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.", busy.getMessage());
            assertEquals("OK", second.functionKill());
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().startsWith("ERR Script killed by user with SCRIPT KILL..."), e.getCause().getMessage());
            assertEquals("OK", second.functionDelete("spinlib"));
        }
    }

    @Test
    void lettuceScriptKill() throws Exception {
        try (StatefulRedisConnection<String, String> first = lettuce.connect();
             StatefulRedisConnection<String, String> second = lettuce.connect()) {
            var run = first.async().eval("local i = 0 while true do i = i + 1 end", ScriptOutputType.INTEGER);
            try (Jedis probe = new Jedis("127.0.0.1", cinnabar.port(), 10_000)) {
                waitBusy(probe);
            }
            RedisBusyException busy = assertThrows(RedisBusyException.class, () -> second.sync().get("k"));
            assertEquals("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", busy.getMessage());
            assertEquals("OK", second.sync().scriptKill());
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof RedisCommandExecutionException, e.getCause().toString());
            assertTrue(e.getCause().getMessage().startsWith("ERR Script killed by user with SCRIPT KILL..."), e.getCause().getMessage());
            assertEquals("PONG", first.sync().ping());
        }
    }
}
