package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin in an embedded server, for what the differential tests cannot see: the value
 * objects behind the replies (copies, memory estimates, encodings under a small configuration).
 */
class SortedSetCommandsTest {

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start(Map.of("zset-max-listpack-entries", "4", "zset-max-listpack-value", "8"),
                new SortedSetCommands());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Jedis client() {
        return new Jedis("127.0.0.1", server.port());
    }

    private static SortedSet value(String key) throws Exception {
        return server.server().onExecutor(() -> (SortedSet) server.server().keyspace().db(0).peek(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void configuredThresholdsDecideTheEncoding() throws Exception {
        try (Jedis j = client()) {
            j.zadd("enc", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0));
            assertEquals("listpack", value("enc").encoding());
            j.zadd("enc", 5, "e");
            assertEquals("skiplist", value("enc").encoding());
            j.zrem("enc", "a", "b", "c", "d");
            assertEquals("skiplist", value("enc").encoding(), "conversion is one-way");
            j.zadd("long", 1, "123456789");
            assertEquals("skiplist", value("long").encoding());
            assertEquals(List.of("e"), j.zrange("enc", 0, -1));
        }
    }

    @Test
    void copyIsDeepAndKeepsTheEncoding() throws Exception {
        try (Jedis j = client()) {
            j.zadd("orig", Map.of("a", 1.0, "b", 2.0));
            SortedSet original = value("orig");
            RedisValue copy = server.server().onExecutor(original::copy);
            assertNotSame(original, copy);
            assertEquals(original.encoding(), copy.encoding());
            j.zadd("orig", 10, "a");
            j.zrem("orig", "b");
            SortedSet c = (SortedSet) copy;
            assertEquals(2, c.size());
            assertEquals(1.0, c.score("a".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void memoryUsageGrowsWithTheSet() throws Exception {
        try (Jedis j = client()) {
            j.zadd("mem", 1, "a");
            long small = value("mem").memoryUsage();
            for (int i = 0; i < 100; i++) {
                j.zadd("mem", i, "member-" + i);
            }
            long big = value("mem").memoryUsage();
            assertTrue(big > small * 10, small + " -> " + big);
        }
    }

    @Test
    void emptiedSetsDisappearFromTheKeyspace() throws Exception {
        try (Jedis j = client()) {
            j.zadd("gone", 1, "a");
            assertEquals(1, j.zpopmin("gone").getScore(), 0);
            assertNull(value("gone"));
            j.zadd("gone2", Map.of("a", 1.0, "b", 2.0));
            assertEquals(2, j.zremrangeByScore("gone2", "-inf", "+inf"));
            assertNull(value("gone2"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.zincrby("gone3", Double.NaN, "a"));
            assertEquals("ERR value is not a valid float", e.getMessage());
        }
    }
}
