package dev.cinnabar.it;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lettuce (RESP3) as a subscriber against Cinnabar: messages arrive as push frames, and the same
 * connection keeps running ordinary commands while subscribed.
 */
class PubSubLettuceEndToEndTest {

    private static ServerProcess cinnabar;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar();
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(cinnabar.port())
                .withTimeout(Duration.ofSeconds(10)).build());
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
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

    private static String next(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no message within 10 s");
        }
        return s;
    }

    @Test
    void resp3SubscriberGetsPushesAndKeepsRunningCommands() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub(StringCodec.UTF8);
             var pubConn = client.connect(StringCodec.UTF8)) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    events.add("message " + channel + " " + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    events.add("pmessage " + pattern + " " + channel + " " + message);
                }

                @Override
                public void smessage(String channel, String message) {
                    events.add("smessage " + channel + " " + message);
                }
            });
            var s = sub.sync();
            s.subscribe("news");
            s.psubscribe("n?ws");
            s.ssubscribe("orders");
            // RESP3 has no subscribed-context restriction
            assertEquals("OK", s.set("k", "v"));
            assertEquals("v", s.get("k"));
            assertEquals("PONG", s.ping());

            RedisCommands<String, String> pub = pubConn.sync();
            assertEquals(2L, pub.publish("news", "hello"));
            assertEquals("message news hello", next(events));
            assertEquals("pmessage n?ws news hello", next(events));
            assertEquals(1L, pub.spublish("orders", "o1"));
            assertEquals("smessage orders o1", next(events));
            assertEquals(List.of("news"), pub.pubsubChannels());
            assertEquals(1L, pub.pubsubNumpat());
            assertEquals(1L, pub.pubsubShardNumsub("orders").get("orders"));

            // a message to itself arrives as a push while the reply to PUBLISH is still awaited
            assertEquals(2L, s.publish("news", "self"));
            assertEquals("message news self", next(events));
            assertEquals("pmessage n?ws news self", next(events));

            s.unsubscribe("news");
            s.punsubscribe("n?ws");
            s.sunsubscribe("orders");
            assertEquals(0L, pub.publish("news", "gone"));
            assertEquals(0L, pub.spublish("orders", "gone"));
            assertEquals(null, events.poll(100, TimeUnit.MILLISECONDS));
            s.del("k");
        }
    }
}
