package dev.cinnabar.commands.lists;

import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocking list commands end to end: one Jedis connection blocks, another one writes. */
class BlockingListsTest {

    private static EmbeddedServer server;
    private static final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start(new ListCommands(), new Replies());
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
    void blpopWaitsForAPushFromAnotherClient() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            CompletableFuture<List<String>> popped = async(() -> waiter.blpop(0, "a", "b"));
            waitForBlocked(writer, 1);
            assertTrue(writer.clientList().contains("flags=b"));
            assertEquals(2, writer.rpush("b", "x", "y"));
            assertEquals(List.of("b", "x"), popped.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("y"), writer.lrange("b", 0, -1));
            assertEquals(0, blockedClients(writer));
        }
    }

    @Test
    void brpopTimesOutWithANullReply() throws Exception {
        try (Jedis waiter = client()) {
            long t0 = System.nanoTime();
            assertNull(waiter.brpop(0.2, "nokey"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 180 && ms < 3000, "timed out after " + ms + " ms");
            assertEquals("PONG", waiter.ping());
            assertEquals(0, blockedClients(waiter));
        }
    }

    @Test
    void twoBlockedClientsAreServedFirstComeFirstServed() throws Exception {
        try (Jedis first = client(); Jedis second = client(); Jedis writer = client()) {
            CompletableFuture<List<String>> a = async(() -> first.blpop(0, "q"));
            waitForBlocked(writer, 1);
            CompletableFuture<List<String>> b = async(() -> second.blpop(0, "q"));
            waitForBlocked(writer, 2);
            writer.rpush("q", "1");
            assertEquals(List.of("q", "1"), a.get(5, TimeUnit.SECONDS));
            waitForBlocked(writer, 1);
            assertFalse(b.isDone());
            writer.rpush("q", "2", "3");
            assertEquals(List.of("q", "2"), b.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("3"), writer.lrange("q", 0, -1));
        }
    }

    @Test
    void oneMultiElementPushServesSeveralClientsInOrder() throws Exception {
        try (Jedis first = client(); Jedis second = client(); Jedis writer = client()) {
            CompletableFuture<List<String>> a = async(() -> first.brpop(0, "q"));
            waitForBlocked(writer, 1);
            CompletableFuture<List<String>> b = async(() -> second.blpop(0, "other", "q"));
            waitForBlocked(writer, 2);
            writer.rpush("q", "1", "2", "3");
            assertEquals(List.of("q", "3"), a.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("q", "1"), b.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("2"), writer.lrange("q", 0, -1));
        }
    }

    @Test
    void disconnectingWhileBlockedForgetsTheClient() throws Exception {
        try (Jedis writer = client()) {
            java.net.Socket waiter = new java.net.Socket("127.0.0.1", server.port());
            waiter.getOutputStream().write("*3\r\n$5\r\nBLPOP\r\n$4\r\ngone\r\n$1\r\n0\r\n".getBytes());
            waitForBlocked(writer, 1);
            waiter.close();
            waitForBlocked(writer, 0);
            writer.rpush("gone", "kept");
            assertEquals(List.of("kept"), writer.lrange("gone", 0, -1));
        }
    }

    @Test
    void blmoveMovesOnceTheSourceGetsAnElement() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            CompletableFuture<String> moved = async(() -> waiter.blmove("src", "dst", ListDirection.RIGHT, ListDirection.LEFT, 0));
            waitForBlocked(writer, 1);
            writer.lpush("src", "a", "b");
            assertEquals("a", moved.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("b"), writer.lrange("src", 0, -1));
            assertEquals(List.of("a"), writer.lrange("dst", 0, -1));
        }
    }

    @Test
    void blmoveChainsWakeClientsWaitingOnTheDestination() throws Exception {
        try (Jedis mover = client(); Jedis popper = client(); Jedis writer = client()) {
            CompletableFuture<List<String>> popped = async(() -> popper.blpop(0, "dst"));
            waitForBlocked(writer, 1);
            CompletableFuture<String> moved = async(() -> mover.brpoplpush("src", "dst", 0));
            waitForBlocked(writer, 2);
            writer.rpush("src", "e");
            assertEquals("e", moved.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("dst", "e"), popped.get(5, TimeUnit.SECONDS));
            assertEquals(0, writer.llen("src"));
            assertEquals(0, writer.llen("dst"));
        }
    }

    @Test
    void blmpopServesWithCount() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            var popped = async(() -> waiter.blmpop(0, ListDirection.RIGHT, 2, "x", "y"));
            waitForBlocked(writer, 1);
            writer.rpush("y", "1", "2", "3");
            var kv = popped.get(5, TimeUnit.SECONDS);
            assertEquals("y", kv.getKey());
            assertEquals(List.of("3", "2"), kv.getValue());
        }
    }

    @Test
    void aClientWaitingForAListIgnoresOtherTypesUnderItsKey() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            CompletableFuture<List<String>> popped = async(() -> waiter.blpop(0, "k"));
            waitForBlocked(writer, 1);
            writer.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode("test.sethash"), "k");
            Thread.sleep(100);
            assertFalse(popped.isDone());
            writer.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode("test.del"), "k");
            writer.rpush("k", "v");
            assertEquals(List.of("k", "v"), popped.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void requestsPipelinedAfterABlockingCommandWaitForIt() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            var pipe = waiter.pipelined();
            var popped = pipe.blpop(0, "p");
            var length = pipe.llen("p");
            CompletableFuture<Void> sync = CompletableFuture.runAsync(pipe::sync, threads);
            waitForBlocked(writer, 1);
            writer.rpush("p", "a", "b");
            sync.get(5, TimeUnit.SECONDS);
            assertEquals(List.of("p", "a"), popped.get());
            assertEquals(1L, length.get());
        }
    }

    @Test
    void clientUnblockEndsTheWaitWithTimeoutOrError() throws Exception {
        try (Jedis waiter = client(); Jedis writer = client()) {
            long id = waiter.clientId();
            CompletableFuture<List<String>> popped = async(() -> waiter.blpop(0, "u"));
            waitForBlocked(writer, 1);
            assertEquals(1, writer.clientUnblock(id));
            assertNull(popped.get(5, TimeUnit.SECONDS));
            assertEquals(0, writer.clientUnblock(id));

            CompletableFuture<Throwable> failed = async(() -> {
                try {
                    waiter.blpop(0, "u");
                    return null;
                } catch (JedisDataException e) {
                    return e;
                }
            });
            waitForBlocked(writer, 1);
            assertEquals(1, writer.clientUnblock(id, redis.clients.jedis.args.UnblockType.ERROR));
            assertEquals("UNBLOCKED client unblocked via CLIENT UNBLOCK", failed.get(5, TimeUnit.SECONDS).getMessage());
        }
    }

    @Test
    void whereBlockingIsDeniedBlockingCommandsAnswerAsOnATimeoutAtOnce() throws Exception {
        assertRaw("*-1\r\n", "test.denied", "blpop", "k", "0");
        assertRaw("*-1\r\n", "test.denied", "blmpop", "0", "1", "k", "LEFT");
        assertRaw("$-1\r\n", "test.denied", "blmove", "k", "d", "LEFT", "LEFT", "0");
        assertRaw("$-1\r\n", "test.denied", "brpoplpush", "k", "d", "0");
        try (Jedis j = client()) {
            j.rpush("k", "v");
            assertRaw("*2\r\n$1\r\nk\r\n$1\r\nv\r\n", "test.denied", "brpop", "k", "0");
            assertEquals(0, blockedClients(j));
        }
    }

    /** Sends one request on a fresh socket and asserts the exact reply bytes. */
    private static void assertRaw(String expected, String... argv) throws Exception {
        StringBuilder req = new StringBuilder("*" + argv.length + "\r\n");
        for (String a : argv) {
            req.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] buf = new byte[expected.length()];
            int n = 0;
            while (n < buf.length) {
                int r = socket.getInputStream().read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            assertEquals(expected, new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * A test-only command, {@code test.denied cmd args...}, that runs a blocking command the way
     * EXEC and scripts will: with the kernel's deny-blocking hook ({@code ClientContext.denyBlocking}) set.
     */
    static final class Replies implements dev.cinnabar.api.command.CommandFamily {
        @Override
        public String name() {
            return "test-deny-blocking";
        }

        @Override
        public void register(dev.cinnabar.api.command.CommandRegistrar r) {
            r.command(dev.cinnabar.api.command.CommandSpec.builder("test.denied").arity(-2).build(), (ctx, args, reply) -> {
                var kernelContext = (dev.cinnabar.kernel.exec.ClientContext) ctx;
                byte[][] argv = java.util.Arrays.copyOfRange(args.raw(), 1, args.count());
                var cmd = kernelContext.server().commands().lookup(argv[0]);
                kernelContext.denyBlocking(true);
                try {
                    cmd.implementation().execute(ctx, new dev.cinnabar.api.command.Arguments(argv), reply);
                } finally {
                    kernelContext.denyBlocking(false);
                }
            });
            // stands in for another type's command (no other data-type plugin in these tests)
            r.command(dev.cinnabar.api.command.CommandSpec.builder("test.sethash").arity(2).keys(1, 1, 1).build(),
                    (ctx, args, reply) -> {
                        ctx.db().set(args.get(1), new OtherType());
                        reply.ok();
                    });
            r.command(dev.cinnabar.api.command.CommandSpec.builder("test.del").arity(2).keys(1, 1, 1).build(),
                    (ctx, args, reply) -> reply.integer(ctx.db().delete(args.get(1)) ? 1 : 0));
        }
    }

    static final class OtherType implements dev.cinnabar.api.keyspace.RedisValue {
        @Override
        public dev.cinnabar.api.keyspace.ValueType type() {
            return dev.cinnabar.api.keyspace.ValueType.HASH;
        }

        @Override
        public String encoding() {
            return "listpack";
        }

        @Override
        public dev.cinnabar.api.keyspace.RedisValue copy() {
            return this;
        }

        @Override
        public void digest(dev.cinnabar.api.keyspace.ValueDigest digest) {
        }

        @Override
        public long memoryUsage() {
            return 0;
        }
    }
}
