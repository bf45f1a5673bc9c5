package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.SortedSetOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.KeyValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.cinnabar.kernel.testing.BlockedClientsProbe.blockedClients;
import static dev.cinnabar.kernel.testing.BlockedClientsProbe.waitForBlocked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BZPOPMIN, BZPOPMAX and BZMPOP end to end: one Jedis connection blocks, another one writes. */
class BlockingSortedSetsTest {

    private static EmbeddedServer server;
    private static final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start(new SortedSetCommands());
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
        server.close();
    }

    @BeforeEach
    void flush() {
        try (Jedis j = client()) {
            j.flushAll();
        }
    }

    private static Jedis client() {
        return new Jedis("127.0.0.1", server.port(), 10_000);
    }

    private static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, threads);
    }

    @Test
    void bzpopminWaitsForAZaddFromAnotherClient() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            var popped = async(() -> waiter.bzpopmin(0, "a", "b"));
            waitForBlocked(writer, 1);
            assertTrue(writer.clientList().contains("flags=b"));
            writer.zadd("b", Map.of("x", 2.0, "y", 1.5));
            var kv = popped.get(5, TimeUnit.SECONDS);
            assertEquals("b", kv.getKey());
            assertEquals(new Tuple("y", 1.5), kv.getValue());
            assertEquals(List.of("x"), writer.zrange("b", 0, -1));
            assertEquals(0, blockedClients(writer));
        }
    }

    @Test
    void bzpopmaxIsWokenByZincrby() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            var popped = async(() -> waiter.bzpopmax(0, "k"));
            waitForBlocked(writer, 1);
            writer.zincrby("k", 2.5, "m");
            assertEquals(new Tuple("m", 2.5), popped.get(5, TimeUnit.SECONDS).getValue());
            assertEquals(0, writer.zcard("k"));
        }
    }

    @Test
    void storeCommandsWakeWaiters() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            writer.zadd("src", Map.of("a", 1.0, "b", 2.0));
            var union = async(() -> waiter.bzpopmax(0, "dst"));
            waitForBlocked(writer, 1);
            assertEquals(2, writer.zunionstore("dst", "src"));
            assertEquals(new Tuple("b", 2.0), union.get(5, TimeUnit.SECONDS).getValue());

            var ranged = async(() -> waiter.bzpopmin(0, "ranged"));
            waitForBlocked(writer, 1);
            assertEquals(2, writer.zrangestore("ranged", "src", new redis.clients.jedis.params.ZRangeParams(0, -1)));
            assertEquals(new Tuple("a", 1.0), ranged.get(5, TimeUnit.SECONDS).getValue());
            assertEquals(List.of("b"), writer.zrange("ranged", 0, -1));
        }
    }

    @Test
    void bzmpopServesWithCountInTheZmpopShape() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            var popped = async(() -> waiter.bzmpop(0, SortedSetOption.MAX, 2, "x", "y"));
            waitForBlocked(writer, 1);
            writer.zadd("y", Map.of("p", 1.0, "q", 2.0, "r", 3.0));
            KeyValue<String, List<Tuple>> kv = popped.get(5, TimeUnit.SECONDS);
            assertEquals("y", kv.getKey());
            assertEquals(List.of(new Tuple("r", 3.0), new Tuple("q", 2.0)), kv.getValue());
            assertEquals(List.of("p"), writer.zrange("y", 0, -1));
        }
    }

    @Test
    void waitersAreServedFirstComeFirstServed() throws Exception {
        try (Jedis first = client(); Jedis second = client(); Jedis writer = client()) {
            var a = async(() -> first.bzpopmin(0, "q"));
            waitForBlocked(writer, 1);
            var b = async(() -> second.bzpopmin(0, "q"));
            waitForBlocked(writer, 2);
            writer.zadd("q", 1, "one");
            assertEquals(new Tuple("one", 1.0), a.get(5, TimeUnit.SECONDS).getValue());
            waitForBlocked(writer, 1);
            assertFalse(b.isDone());
            writer.zadd("q", Map.of("two", 2.0, "three", 3.0));
            assertEquals(new Tuple("two", 2.0), b.get(5, TimeUnit.SECONDS).getValue());
            assertEquals(List.of("three"), writer.zrange("q", 0, -1));
        }
    }

    @Test
    void timeoutsAnswerNull() throws Exception {
        try (Jedis waiter = client()) {
            long t0 = System.nanoTime();
            assertNull(waiter.bzpopmin(0.2, "nokey"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 180 && ms < 3000, "timed out after " + ms + " ms");
            assertNull(waiter.bzmpop(0.05, SortedSetOption.MIN, "nokey"));
            assertEquals("PONG", waiter.ping());
            assertEquals(0, blockedClients(waiter));
        }
    }

    @Test
    void insideMultiTheyNeverBlock() {
        try (Jedis j = client()) {
            Transaction t = j.multi();
            t.bzpopmin(0, "nokey");
            t.bzpopmax(0, "nokey");
            t.bzmpop(0, SortedSetOption.MIN, "nokey");
            List<Object> results = t.exec();
            assertEquals(3, results.size());
            assertNull(results.get(0));
            assertNull(results.get(1));
            assertNull(results.get(2));
            assertEquals(0, blockedClients(j));
        }
    }

    @Test
    void badTimeoutsAreErrors() {
        // wrong-type keys need another type's plugin: BlockingSortedSetsDifferentialTest has them
        try (Jedis j = client()) {
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.bzpopmax(-1, "k"));
            assertEquals("ERR timeout is negative", e.getMessage());
            e = assertThrows(JedisDataException.class, () -> j.sendCommand(redis.clients.jedis.Protocol.Command.BZMPOP,
                    "x", "1", "k", "MIN"));
            assertEquals("ERR timeout is not a float or out of range", e.getMessage());
        }
    }
}
