package dev.cinnabar.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pub/Sub against real Redis: every frame a subscriber receives and every reply a publisher gets
 * is compared byte for byte. {@code r}/{@code c} act as the publisher; {@link #subscriber()} opens
 * a further pair of connections, one to each server, that receives the messages.
 */
class PubSubDifferentialTest extends DifferentialTest {

    private final List<Pair> pairs = new ArrayList<>();

    /** A connection to Redis and one to Cinnabar driven in lock step. */
    final class Pair {
        final RawConnection redis = redisServer().connect();
        final RawConnection cinnabar = cinnabarServer().connect();

        /** Sends {@code line} to both and compares {@code frames} replies (one per channel for SUBSCRIBE). */
        void same(String line, int frames) {
            same(RawConnection.split(line), frames);
        }

        void same(String line) {
            same(line, 1);
        }

        void same(byte[][] args, int frames) {
            redis.write(RawConnection.encode(args));
            cinnabar.write(RawConnection.encode(args));
            receives(frames);
        }

        /** Reads {@code frames} pushed messages from both and compares them. */
        void receives(int frames) {
            for (int i = 0; i < frames; i++) {
                assertEquals(Replies.show(redis.readReply()), Replies.show(cinnabar.readReply()), "frame " + i);
            }
        }

        /** Sends without comparing (HELLO 3 carries the connection id). */
        /**
         * Like {@link #receives} for deliveries to several matching patterns, whose order Redis
         * takes from a randomly seeded hash table: compared as a set.
         */
        void receivesUnordered(int frames) {
            List<String> fromRedis = new ArrayList<>();
            List<String> fromCinnabar = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                fromRedis.add(Replies.show(redis.readReply()));
                fromCinnabar.add(Replies.show(cinnabar.readReply()));
            }
            fromRedis.sort(null);
            fromCinnabar.sort(null);
            assertEquals(fromRedis, fromCinnabar);
        }

        /**
         * An argument-less (S)UNSUBSCRIBE of several channels: Redis walks a randomly seeded hash
         * table, so channel names are compared as a set and the running counts in order.
         */
        void sameUnsubscribeAll(String line, int frames) {
            redis.write(RawConnection.encode(RawConnection.split(line)));
            cinnabar.write(RawConnection.encode(RawConnection.split(line)));
            List<String> redisNames = new ArrayList<>();
            List<String> cinnabarNames = new ArrayList<>();
            List<String> redisCounts = new ArrayList<>();
            List<String> cinnabarCounts = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                byte[] rf = redis.readReply();
                byte[] cf = cinnabar.readReply();
                assertEquals(rf[0], cf[0], "frame type");
                List<String> re = elements(rf);
                List<String> ce = elements(cf);
                redisNames.add(re.get(0) + " " + re.get(1));
                cinnabarNames.add(ce.get(0) + " " + ce.get(1));
                redisCounts.add(re.get(2));
                cinnabarCounts.add(ce.get(2));
            }
            redisNames.sort(null);
            cinnabarNames.sort(null);
            assertEquals(redisNames, cinnabarNames);
            assertEquals(redisCounts, cinnabarCounts);
        }

        void both(String line) {
            redis.call(line);
            cinnabar.call(line);
        }

        void nothingMore() {
            assertFalse(redis.hasReplyWithin(100), "Redis sent more");
            assertFalse(cinnabar.hasReplyWithin(100), "Cinnabar sent more");
        }

        void close() {
            redis.close();
            cinnabar.close();
        }
    }

    private Pair subscriber() {
        Pair p = new Pair();
        pairs.add(p);
        return p;
    }

    @AfterEach
    void closePairs() {
        pairs.forEach(Pair::close);
    }

    @Test
    void subscribeConfirmsEachChannelWithTheRunningCount() {
        Pair s = subscriber();
        s.same("SUBSCRIBE news sport news", 3);
        s.same("PSUBSCRIBE n* n*", 2);
        s.same("SSUBSCRIBE shard1 shard2", 2);
        s.same("UNSUBSCRIBE sport", 1);
        s.same("PUNSUBSCRIBE n* other", 2);
        s.same("SUNSUBSCRIBE shard2 nope", 2);
        s.same("UNSUBSCRIBE news", 1);
        s.same("SUNSUBSCRIBE shard1", 1);
        s.same("PING");
        s.nothingMore();
    }

    @Test
    void unsubscribeWithNothingSubscribedRepliesNullChannelAndZero() {
        Pair s = subscriber();
        s.same("UNSUBSCRIBE");
        s.same("PUNSUBSCRIBE");
        s.same("SUNSUBSCRIBE");
        s.same("UNSUBSCRIBE a b", 2);
        s.same("PUNSUBSCRIBE a*", 1);
        s.same("SUNSUBSCRIBE a", 1);
        s.same("GET k"); // never entered subscribed mode
        s.nothingMore();
    }

    @Test
    void argumentLessUnsubscribeCountsOtherKinds() {
        Pair s = subscriber();
        s.same("PSUBSCRIBE p1* p2* p3*", 3);
        s.same("SSUBSCRIBE sh", 1);
        s.same("UNSUBSCRIBE");          // no channels: null channel, patterns still counted
        s.same("PUNSUBSCRIBE", 3);      // a list in 7.0: subscription order
        s.same("GET k");                // the shard subscription keeps the RESP2 restriction
        s.same("SUNSUBSCRIBE");
        s.same("GET k");
    }

    @Test
    void argumentLessUnsubscribeDropsEveryChannel() {
        Pair s = subscriber();
        s.same("SUBSCRIBE only");
        s.same("UNSUBSCRIBE");
        s.same("SUBSCRIBE x y z", 3);
        s.sameUnsubscribeAll("UNSUBSCRIBE", 3);
        s.same("PING");
    }

    @Test
    void publishReachesChannelSubscribersThenPatternSubscribers() {
        Pair a = subscriber();
        Pair b = subscriber();
        a.same("SUBSCRIBE news");
        a.same("PSUBSCRIBE n*");
        b.same("PSUBSCRIBE ne?s");
        b.same("SUBSCRIBE news");
        same("PUBLISH news hello");
        a.receives(2);
        b.receives(2);
        same("PUBLISH nope x");
        a.receives(1);
        same("PUBLISH other x");
        same("PUBSUB NUMSUB news other");
        same("PUBSUB NUMPAT");
        a.nothingMore();
        b.nothingMore();
    }

    @Test
    void channelsAndPayloadsAreBinarySafe() {
        Pair s = subscriber();
        byte[] channel = {0, 'c', (byte) 0xff, '\r', '\n', ' '};
        byte[] payload = {'\r', '\n', 0, (byte) 0x80, '*', '$'};
        s.same(new byte[][] {bytes("SUBSCRIBE"), channel}, 1);
        s.same(new byte[][] {bytes("PSUBSCRIBE"), new byte[] {0, '*'}}, 1);
        same(bytes("PUBLISH"), channel, payload);
        s.receives(2);
        same(bytes("PUBLISH"), channel, new byte[0]);
        s.receives(2);
        same(bytes("PUBSUB"), bytes("NUMSUB"), channel);
        same(bytes("PUBSUB"), bytes("CHANNELS"), new byte[] {0, '?', (byte) 0xff, '*'});
        s.same(new byte[][] {bytes("UNSUBSCRIBE"), channel}, 1);
        s.nothingMore();
    }

    @Test
    void patternsFollowRedisGlobQuirks() {
        Pair s = subscriber();
        s.same("PSUBSCRIBE * h[^e]llo h\\*llo [e-a]x [abc", 5);
        same("PUBLISH \"\" empty");     // an empty channel matches no pattern, not even *
        same("PUBLISH hallo m1");       // * and h[^e]llo
        s.receivesUnordered(2);
        same("PUBLISH hello m2");       // * only
        s.receives(1);
        same("PUBLISH h*llo m3");       // *, h[^e]llo and the escaped star
        s.receivesUnordered(3);
        same("PUBLISH cx m4");          // reversed range
        s.receivesUnordered(2);
        same("PUBLISH b m5");           // the unterminated class runs to the end
        s.receivesUnordered(2);
        same("PUBSUB NUMPAT");
        s.nothingMore();
    }

    @Test
    void resp2SubscribedContextAllowsOnlyPubSubPingQuitReset() {
        Pair s = subscriber();
        s.same("SUBSCRIBE ch");
        s.same("GET k");
        s.same("SET k v");
        s.same("CONFIG GET maxmemory");
        s.same("PUBLISH ch x");
        s.same("PUBSUB NUMPAT");
        s.same("HELLO");
        s.same("NOSUCHCOMMAND");   // unknown command wins
        s.same("GET");             // so does arity
        s.same("PING");
        s.same("PING hi");
        s.same("PING a b");
        s.same("SSUBSCRIBE sh");
        s.same("UNSUBSCRIBE ch");
        s.same("ECHO still");      // the shard subscription keeps the restriction
        s.same("SUNSUBSCRIBE sh");
        s.same("ECHO free");
        s.same("PING");
        s.same("PSUBSCRIBE p*");
        s.same("QUIT");
        assertTrue(s.redis.closedByServer(2000));
        assertTrue(s.cinnabar.closedByServer(2000));
    }

    @Test
    void rejectedCommandsCountAsRejectedCalls() {
        both("CONFIG RESETSTAT");
        Pair s = subscriber();
        s.same("SUBSCRIBE ch");
        s.same("GET k");
        sameAfter("INFO commandstats", PubSubDifferentialTest::getStats);
    }

    @Test
    void resp3HasNoRestrictionAndUsesPushFrames() {
        Pair s = subscriber();
        s.both("HELLO 3");
        s.same("SUBSCRIBE ch");
        s.same("PSUBSCRIBE c*");
        s.same("SSUBSCRIBE sh");
        s.same("GET k");
        s.same("PING");
        s.same("PING hi");
        s.same("PUBLISH ch self", 3);   // own message and pattern message come before the count
        same("PUBLISH ch other");
        s.receives(2);
        same("SPUBLISH sh shard");
        s.receives(1);
        s.same("PUBSUB NUMSUB ch sh");   // a flat array, not a map, even in RESP3
        s.same("PUBSUB SHARDNUMSUB sh");
        s.same("UNSUBSCRIBE");
        s.same("PUNSUBSCRIBE");
        s.same("SUNSUBSCRIBE");
        s.same("UNSUBSCRIBE");
        s.nothingMore();
    }

    @Test
    void resp2ClientSubscribedInResp3KeepsTheRestrictionAfterHello2() {
        Pair s = subscriber();
        s.both("HELLO 3");
        s.same("SUBSCRIBE ch");
        s.both("HELLO 2");
        s.same("GET k");
        s.same("PING");
    }

    @Test
    void shardChannelsAreSeparateFromChannelsAndPatterns() {
        Pair s = subscriber();
        s.same("SSUBSCRIBE orders");
        s.same("PSUBSCRIBE *");
        same("SPUBLISH orders o1");      // shard subscriber only, no pattern delivery
        s.receives(1);
        same("PUBLISH orders o2");       // only the pattern
        s.receives(1);
        same("SPUBLISH nobody x");
        same("PUBSUB SHARDCHANNELS");
        same("PUBSUB SHARDCHANNELS ord*");
        same("PUBSUB SHARDCHANNELS x*");
        same("PUBSUB SHARDNUMSUB orders nobody");
        same("PUBSUB CHANNELS");
        same("PUBSUB NUMSUB orders");
        s.nothingMore();
    }

    @Test
    void pubsubIntrospection() {
        Pair a = subscriber();
        Pair b = subscriber();
        a.same("SUBSCRIBE alpha beta gamma", 3);
        b.same("SUBSCRIBE alpha", 1);
        a.same("PSUBSCRIBE x* y*", 2);
        b.same("PSUBSCRIBE x*", 1);
        sameUnordered("PUBSUB CHANNELS");
        sameUnordered("PUBSUB CHANNELS *a");
        same("PUBSUB CHANNELS z*");
        same("PUBSUB NUMSUB alpha beta nobody");
        same("PUBSUB NUMSUB");
        same("PUBSUB NUMPAT");
        same("PUBSUB SHARDNUMSUB");
        same("PUBSUB SHARDCHANNELS");
        same("PUBSUB HELP");
        same("pubsub help");
        b.close();
        pairs.remove(b);
        awaitSame("PUBSUB NUMSUB alpha");
        same("PUBSUB NUMPAT");
        a.same("PUNSUBSCRIBE x*", 1);
        same("PUBSUB NUMPAT");
    }

    @Test
    void pubsubErrors() {
        same("PUBSUB");
        same("PUBSUB FOO");
        same("PUBSUB CHANNELS a b");
        same("PUBSUB channels a b");
        same("PUBSUB SHARDCHANNELS a b");
        same("PUBSUB NUMPAT x");
        same("PUBSUB HELP x");
        same("SUBSCRIBE");
        same("PSUBSCRIBE");
        same("SSUBSCRIBE");
        same("PUBLISH ch");
        same("PUBLISH ch a b");
        same("SPUBLISH ch");
    }

    @Test
    void numsubIsAFlatArrayEvenInResp3() {
        Pair s = subscriber();
        s.same("SUBSCRIBE a");
        both("HELLO 3");
        same("PUBSUB NUMSUB a b");
        same("PUBSUB SHARDNUMSUB a");
        same("PUBSUB CHANNELS");
        same("PUBSUB NUMSUB");
    }

    @Test
    void resetDropsEverySubscriptionSilently() {
        Pair s = subscriber();
        s.same("SUBSCRIBE a");
        s.same("PSUBSCRIBE b*");
        s.same("SSUBSCRIBE c");
        s.same("RESET");
        s.nothingMore();
        same("PUBLISH a x");
        same("PUBLISH bb x");
        same("SPUBLISH c x");
        same("PUBSUB NUMSUB a");
        same("PUBSUB NUMPAT");
        same("PUBSUB SHARDNUMSUB c");
        s.same("GET k");
        s.same("PING");
        s.nothingMore();
    }

    @Test
    void disconnectDropsEverySubscription() {
        Pair s = subscriber();
        s.same("SUBSCRIBE a");
        s.same("PSUBSCRIBE b*");
        s.same("SSUBSCRIBE c");
        s.close();
        pairs.remove(s);
        awaitSame("PUBSUB NUMPAT");
        same("PUBLISH a x");
        same("PUBSUB NUMSUB a");
        same("PUBSUB SHARDNUMSUB c");
        same("PUBSUB CHANNELS");
    }

    @Test
    void clientListShowsSubscriptionCountsAndFlag() {
        Pair s = subscriber();
        s.same("SUBSCRIBE a b", 2);
        s.same("PSUBSCRIBE p*");
        s.same("SSUBSCRIBE s1 s2 s3", 3);
        sameAfter("CLIENT LIST TYPE pubsub", PubSubDifferentialTest::subscriptionFields);
        sameAfter("CLIENT LIST TYPE normal", PubSubDifferentialTest::subscriptionFields);
        s.sameUnsubscribeAll("UNSUBSCRIBE", 2);
        s.same("PUNSUBSCRIBE");
        sameAfter("CLIENT LIST TYPE pubsub", PubSubDifferentialTest::subscriptionFields);
        s.sameUnsubscribeAll("SUNSUBSCRIBE", 3);
        sameAfter("CLIENT LIST TYPE pubsub", PubSubDifferentialTest::subscriptionFields);
        Pair t = subscriber();
        t.both("HELLO 3");
        t.same("SUBSCRIBE x");
        sameAfter("CLIENT LIST TYPE pubsub", PubSubDifferentialTest::subscriptionFields);
        s.nothingMore();
    }

    @Test
    void infoStatsCountsDistinctChannelsPatternsAndShardChannels() {
        Pair a = subscriber();
        Pair b = subscriber();
        a.same("SUBSCRIBE a b", 2);
        b.same("SUBSCRIBE b c", 2);
        a.same("PSUBSCRIBE p* q*", 2);
        b.same("PSUBSCRIBE p*");
        b.same("SSUBSCRIBE s");
        sameAfter("INFO stats", PubSubDifferentialTest::pubsubStats);
        a.same("UNSUBSCRIBE b");
        b.same("PUNSUBSCRIBE p*");
        sameAfter("INFO stats", PubSubDifferentialTest::pubsubStats);
        a.nothingMore();
        b.nothingMore();
    }

    /** Polls until both servers give the same reply (the server notices a disconnect later). */
    private void awaitSame(String line) {
        for (int i = 0; i < 50; i++) {
            if (Arrays.equals(r.call(line), c.call(line))) {
                return;
            }
            pause(20);
        }
        same(line);
    }

    /** The elements of one flat frame: bulks as text, integers as {@code :n}, nulls as {@code nil}. */
    private static List<String> elements(byte[] frame) {
        String[] lines = new String(frame, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n");
        List<String> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("$-1") || l.equals("_")) {
                out.add("nil");
            } else if (l.startsWith("$")) {
                out.add(lines[++i]);
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static final Pattern CLIENT_FIELDS = Pattern.compile("flags=\\S+ db=\\d+ sub=\\d+ psub=\\d+ ssub=\\d+");

    private static String subscriptionFields(String reply) {
        Matcher m = CLIENT_FIELDS.matcher(reply);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.group()).append('\n');
        }
        return sb.toString();
    }

    private static String pubsubStats(String reply) {
        Matcher m = Pattern.compile("pubsub\\w*:\\d+").matcher(reply);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.group()).append('\n');
        }
        return sb.toString();
    }

    private static String getStats(String reply) {
        Matcher m = Pattern.compile("cmdstat_get:calls=\\d+,usec=\\d+,usec_per_call=[\\d.]+,rejected_calls=\\d+,failed_calls=\\d+")
                .matcher(reply);
        return m.find() ? m.group().replaceAll("usec=\\d+,usec_per_call=[\\d.]+", "usec") : "none";
    }
}
