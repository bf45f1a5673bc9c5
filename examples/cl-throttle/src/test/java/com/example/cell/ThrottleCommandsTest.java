package com.example.cell;

import dev.cinnabar.test.support.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CL.THROTTLE through a real client against an in-process server, as a plugin author tests. */
class ThrottleCommandsTest {

    private static EmbeddedServer server;
    private Jedis jedis;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder().families(new ThrottleCommands()).withStandardCommands().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        jedis = new Jedis(server.host(), server.port());
        jedis.flushAll();
    }

    @SuppressWarnings("unchecked")
    private List<Long> throttle(String... args) {
        return (List<Long>) jedis.sendCommand(() -> "CL.THROTTLE".getBytes(StandardCharsets.US_ASCII), args);
    }

    private String error(String... args) {
        return assertThrows(JedisDataException.class, () -> throttle(args)).getMessage();
    }

    @Test
    void allowsTheBurstThenLimitsWithRetryAfter() {
        // 15 per 60 s with a burst of 3: limit 4, one token every 4 s
        assertEquals(List.of(0L, 4L, 3L, -1L, 4L), throttle("user:1", "3", "15", "60"));
        assertEquals(List.of(0L, 4L, 2L, -1L, 8L), throttle("user:1", "3", "15", "60"));
        assertEquals(List.of(0L, 4L, 1L, -1L, 12L), throttle("user:1", "3", "15", "60"));
        assertEquals(List.of(0L, 4L, 0L, -1L, 16L), throttle("user:1", "3", "15", "60"));
        List<Long> limited = throttle("user:1", "3", "15", "60");
        assertEquals(List.of(1L, 4L, 0L), limited.subList(0, 3));
        assertTrue(limited.get(3) >= 3 && limited.get(3) <= 4, limited.toString());
        assertTrue(limited.get(4) >= 15 && limited.get(4) <= 16, limited.toString());
    }

    @Test
    void quantityTakesSeveralTokensAndZeroOnlyPeeks() {
        // 10 per second with a burst of 10: limit 11, one token every 100 ms
        assertEquals(List.of(0L, 11L, 11L, -1L, 0L), throttle("q", "10", "10", "1", "0"), "a peek at a fresh limiter");
        assertEquals(List.of(0L, 11L, 6L, -1L, 1L), throttle("q", "10", "10", "1", "5"));
        assertEquals(List.of(1L, 11L, 6L, -1L, 1L), throttle("q", "10", "10", "1", "12"),
                "more than the limit can never pass: no retry-after");
    }

    @Test
    void stateIsAPlainStringKeyWithAnExpiry() {
        throttle("k", "0", "1", "10");
        long tat = Long.parseLong(jedis.get("k"));
        assertTrue(tat > System.currentTimeMillis() * 1_000_000L, "TAT in nanoseconds, ahead of now: " + tat);
        long ttl = jedis.pttl("k");
        assertTrue(ttl > 9_000 && ttl <= 10_000, "expires when the bucket is full again: " + ttl);
        assertEquals(1L, throttle("k", "0", "1", "10").get(0), "limited: the only token is taken");
        jedis.del("k");
        assertEquals(0L, throttle("k", "0", "1", "10").get(0), "deleting the key resets the limiter");
    }

    @Test
    void errorsAreRedisCellsTexts() {
        assertEquals("Cell error: Usage: cl.throttle <key> <max_burst> <count per period> <period> [<quantity>]",
                error("k", "1", "2"));
        assertEquals("Cell error: Usage: cl.throttle <key> <max_burst> <count per period> <period> [<quantity>]",
                error("k", "1", "2", "3", "4", "5"));
        assertEquals("Cell error: Couldn't parse as integer: ten", error("k", "ten", "2", "3"));
        assertEquals("Cell error: Couldn't parse as integer: 1.5", error("k", "1", "2", "3", "1.5"));
        assertEquals("Cell error: Zero rates are not supported", error("k", "1", "0", "60"));
        assertEquals("Cell error: Zero rates are not supported", error("k", "1", "10", "0"));
        jedis.set("s", "not a number");
        assertEquals("Cell error: invalid digit found in string", error("s", "1", "2", "3"));
    }

    @Test
    void commandInfoDescribesTheKey() {
        @SuppressWarnings("unchecked")
        List<Object> keys = (List<Object>) jedis.sendCommand(() -> "COMMAND".getBytes(), "GETKEYS", "CL.THROTTLE", "user:9", "1", "2", "3");
        assertEquals("user:9", new String((byte[]) keys.get(0), StandardCharsets.UTF_8));
    }
}
