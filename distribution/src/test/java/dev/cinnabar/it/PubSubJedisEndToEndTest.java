package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.BinaryJedisShardedPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis (RESP2) as a subscriber against Cinnabar: the client's pub/sub loop must parse every frame. */
class PubSubJedisEndToEndTest {

    private static ServerProcess cinnabar;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar();
    }

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    private static Jedis connect() {
        return new Jedis("127.0.0.1", cinnabar.port());
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void awaitSubscribers(Jedis publisher, String channel, long count) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (publisher.pubsubNumSub(channel).getOrDefault(channel, 0L) == count) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("subscriber never appeared on " + channel);
    }

    @Test
    void subscriberReceivesChannelAndPatternMessagesWithBinaryPayloads() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        byte[] binary = {0, (byte) 0xff, '\r', '\n'};
        BinaryJedisPubSub listener = new BinaryJedisPubSub() {
            @Override
            public void onSubscribe(byte[] channel, int count) {
                events.add("subscribe " + text(channel) + " " + count);
                if (count == 2) {
                    psubscribe("ne*".getBytes(StandardCharsets.US_ASCII));
                }
            }

            @Override
            public void onPSubscribe(byte[] pattern, int count) {
                events.add("psubscribe " + text(pattern) + " " + count);
            }

            @Override
            public void onMessage(byte[] channel, byte[] message) {
                events.add("message " + text(channel) + " " + text(message));
                if (text(message).equals("bye")) {
                    unsubscribe();
                    punsubscribe();
                }
            }

            @Override
            public void onPMessage(byte[] pattern, byte[] channel, byte[] message) {
                events.add("pmessage " + text(pattern) + " " + text(channel) + " " + text(message));
            }

            @Override
            public void onUnsubscribe(byte[] channel, int count) {
                events.add("unsubscribe " + text(channel) + " " + count);
            }

            @Override
            public void onPUnsubscribe(byte[] pattern, int count) {
                events.add("punsubscribe " + text(pattern) + " " + count);
                done.countDown();
            }
        };
        try (Jedis subscriber = connect(); Jedis publisher = connect()) {
            Future<?> loop = THREADS.submit(() -> subscriber.subscribe(listener,
                    "news".getBytes(StandardCharsets.US_ASCII), "other".getBytes(StandardCharsets.US_ASCII)));
            for (int i = 0; i < 200 && publisher.pubsubNumPat() == 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(1L, publisher.pubsubNumPat());
            assertEquals(2L, publisher.publish("news".getBytes(StandardCharsets.US_ASCII), binary));
            assertEquals(1L, publisher.publish("nest", "p-only"));
            assertEquals(1L, publisher.publish("other", "bye"));
            assertTrue(done.await(10, TimeUnit.SECONDS), events.toString());
            loop.get(10, TimeUnit.SECONDS);
            String b = text(binary);
            assertEquals(List.of(
                    "subscribe news 1", "subscribe other 2", "psubscribe ne* 3",
                    "message news " + b, "pmessage ne* news " + b, "pmessage ne* nest p-only",
                    "message other bye",
                    // UNSUBSCRIBE without arguments walks a hash table in Redis: either order is Redis's
                    events.get(7).startsWith("unsubscribe news") ? "unsubscribe news 2" : "unsubscribe other 2",
                    events.get(7).startsWith("unsubscribe news") ? "unsubscribe other 1" : "unsubscribe news 1",
                    "punsubscribe ne* 0"), events);
            // the connection is an ordinary one again
            assertEquals("PONG", subscriber.ping());
            assertEquals(0L, publisher.publish("news", "nobody"));
        }
    }

    private static long spublish(Jedis j, String channel, String message) {
        return (Long) j.sendCommand(Protocol.Command.SPUBLISH, channel, message);
    }

    private static long shardSubscribers(Jedis j, String channel) {
        List<?> reply = (List<?>) j.sendCommand(Protocol.Command.PUBSUB, "SHARDNUMSUB", channel);
        return (Long) reply.get(1);
    }

    @Test
    void shardSubscriberReceivesSmessages() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch received = new CountDownLatch(2);
        BinaryJedisShardedPubSub listener = new BinaryJedisShardedPubSub() {
            @Override
            public void onSMessage(byte[] channel, byte[] message) {
                events.add(text(channel) + " " + text(message));
                received.countDown();
                if (received.getCount() == 0) {
                    sunsubscribe();
                }
            }
        };
        try (Jedis subscriber = connect(); Jedis publisher = connect()) {
            // the plain Jedis class has no SSUBSCRIBE of its own: drive the listener on its connection
            Future<?> loop = THREADS.submit(() -> listener.proceed(subscriber.getConnection(),
                    "orders".getBytes(StandardCharsets.US_ASCII)));
            for (int i = 0; i < 200 && shardSubscribers(publisher, "orders") == 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(1L, shardSubscribers(publisher, "orders"));
            assertEquals(0L, publisher.publish("orders", "plain"));
            assertEquals(1L, spublish(publisher, "orders", "o1"));
            assertEquals(1L, spublish(publisher, "orders", "o2"));
            assertTrue(received.await(10, TimeUnit.SECONDS), events.toString());
            loop.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("orders o1", "orders o2"), events);
            assertEquals(0L, spublish(publisher, "orders", "gone"));
        }
    }

    @Test
    void pingInsideTheSubscriptionLoopGetsItsPongFrame() throws Exception {
        try (Jedis subscriber = connect(); Jedis publisher = connect()) {
            CountDownLatch subscribed = new CountDownLatch(1);
            List<String> pongs = new CopyOnWriteArrayList<>();
            BinaryJedisPubSub listener = new BinaryJedisPubSub() {
                @Override
                public void onSubscribe(byte[] channel, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onPong(byte[] pattern) {
                    pongs.add(text(pattern));
                    unsubscribe();
                }
            };
            Future<?> loop = THREADS.submit(() -> subscriber.subscribe(listener, "c".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(subscribed.await(10, TimeUnit.SECONDS));
            awaitSubscribers(publisher, "c", 1);
            listener.ping("hey".getBytes(StandardCharsets.US_ASCII));
            loop.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("hey"), pongs);
        }
    }
}
