package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP against real Redis 7.0: the pops that need not block, argument
 * errors, timeouts, and clients served by another client's write, in RESP2 and RESP3.
 */
class BlockingSortedSetsDifferentialTest extends DifferentialTest {

    // ---- blocking pops that need not block

    @Test
    void blockingPopsServeAtOnceWhenASortedSetHasMembers() {
        popsAtOnce();
        both("FLUSHALL");
        helloResp3();
        popsAtOnce();
    }

    private void popsAtOnce() {
        same("ZADD z 1 a 2 b 3 c 4 d 5.5 e");
        same("BZPOPMIN nokey z 0");
        same("BZPOPMAX z nokey 1");
        same("BZMPOP 0 2 nokey z MIN");
        same("BZMPOP 0.5 1 z MAX COUNT 1");
        same("BZMPOP 0 1 z MIN COUNT 10");
        same("EXISTS z");
        same("ZADD y -inf m");
        same("BZPOPMAX y 0");
        same("ZADD x 1e300 m");
        same("bzpopmin x 0");
    }

    @Test
    void wrongTypeKeysAnswerWrongTypeWhenMetBeforeASortedSet() {
        same("SET s v");
        same("ZADD z 1 a");
        same("BZPOPMIN s z 0");
        same("BZPOPMAX nokey s 1");
        same("BZPOPMIN z s 0");
        same("BZMPOP 0 2 s z MIN");
        same("BZMPOP 0 2 z s MAX");
        same("BZMPOP 0.01 2 nokey s MAX");
    }

    @Test
    void argumentErrorsMatchRedisInRedisOrder() {
        same("SET s v");
        for (String timeout : new String[] {"x", "-1", "-0.5", "-0.0001", "inf", "-inf", "1e20", "9223372036854775807",
                "nan", " 1", "1 ", "0x10", ""}) {
            same(new byte[][] {bytes("BZPOPMIN"), bytes("s"), bytes(timeout)});
            same(new byte[][] {bytes("BZPOPMAX"), bytes("nokey"), bytes("s"), bytes(timeout)});
            same(new byte[][] {bytes("BZMPOP"), bytes(timeout), bytes("1"), bytes("s"), bytes("MIN")});
        }
        same("BZMPOP x 0 s MIN");
        same("BZMPOP x -1 s MIN");
        same("BZMPOP x y s MIN");
        same("BZMPOP x 1 s MIN COUNT 0");
        same("BZMPOP x 1 s MIN COUNT -1");
        same("BZMPOP x 1 s MIN COUNT y");
        same("BZMPOP x 1 s MIN COUNT 1 COUNT 2");
        same("BZMPOP x 1 s MIN COUNT");
        same("BZMPOP x 1 s LEFT");
        same("BZMPOP x 2 s MIN");
        same("BZMPOP x 9223372036854775807 s MIN");
        same("BZMPOP 0 1 s");
        same("BZMPOP 0 1");
        same("BZPOPMIN s");
        same("BZPOPMAX");
    }

    // ---- blocking pops that block

    @Test
    void timeoutsReplyNullArrayInResp2AndNullInResp3() {
        timeoutCases();
        helloResp3();
        timeoutCases();
    }

    private void timeoutCases() {
        same("BZPOPMIN nokey 0.05");
        same("BZPOPMAX nokey other 0.05");
        same("BZMPOP 0.05 2 nokey other MAX COUNT 3");
        same("BZMPOP 0.01 1 nokey MIN");
    }

    @Test
    void insideMultiTheyAnswerAsOnATimeoutAtOnce() {
        same("MULTI");
        same("BZPOPMIN nokey 0");
        same("BZPOPMAX nokey 0");
        same("BZMPOP 0 1 nokey MIN COUNT 2");
        same("ZADD z 1 a 2 b");
        same("BZPOPMAX z 0");
        same("EXEC");
        helloResp3();
        same("MULTI");
        same("BZPOPMIN nokey 0");
        same("BZMPOP 0 1 nokey MIN");
        same("EXEC");
    }

    @Test
    void aBlockedClientIsServedByAnotherClientsWrite() {
        served();
    }

    @Test
    void aBlockedResp3ClientGetsResp3Shapes() {
        helloResp3();
        served();
    }

    private void served() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            for (String[] blockAndWrite : new String[][] {
                    {"BZPOPMIN a b 0", "ZADD b 2 x 1 y"},
                    {"BZPOPMAX a b 0", "ZADD a 1 x 2 y 3 z"},
                    {"BZMPOP 0 2 a b MAX COUNT 5", "ZADD b 1 p 2 q 3 r"},
                    {"BZMPOP 0 1 a MIN", "ZADD a 1.5 p 2.5 q"},
                    {"BZPOPMIN a 0", "ZINCRBY a 3.25 m"},
                    {"BZPOPMAX b 0", "ZUNIONSTORE b 2 src1 src2 WEIGHTS 2 3"},
                    {"BZPOPMIN a 0", "ZINTERSTORE a 2 src1 src2 AGGREGATE MAX"},
                    {"BZMPOP 0 1 b MIN COUNT 2", "ZDIFFSTORE b 2 src1 src2"},
                    {"BZPOPMAX a 0", "ZRANGESTORE a src2 0 1"},
                    {"BZPOPMIN b 0", "RENAME src1 b"},
                    {"BZMPOP 0 1 a MAX", "COPY src2 a"},
                    {"BZPOPMIN a a b a 0", "ZADD a 1 dup"},
                    {"BZMPOP 0 3 b a b MIN COUNT 9", "ZADD b 1 dup 2 other"}}) {
                both("ZADD src1 1 x 2 y 3 z");
                both("ZADD src2 10 y 20 z 30 w");
                sendOn(r, c, blockAndWrite[0]);
                awaitBlocked(1);
                sameOn(rw, cw, blockAndWrite[1]);
                assertSameReply(r.readReply(), c.readReply(), blockAndWrite[0]);
                for (String check : new String[] {"ZRANGE a 0 -1 WITHSCORES", "ZRANGE b 0 -1 WITHSCORES", "EXISTS src1"}) {
                    sameOn(rw, cw, check);
                }
                both("DEL a b src1 src2");
            }
        }
    }

    @Test
    void severalBlockedClientsAreServedFirstComeFirstServed() {
        try (RawConnection r2 = redisServer().connect(); RawConnection c2 = cinnabarServer().connect();
             RawConnection r3 = redisServer().connect(); RawConnection c3 = cinnabarServer().connect();
             RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            sendOn(r, c, "BZPOPMIN q 0");
            awaitBlocked(1);
            sendOn(r2, c2, "BZMPOP 0 2 other q MAX COUNT 2");
            awaitBlocked(2);
            sendOn(r3, c3, "BZPOPMAX q 0");
            awaitBlocked(3);
            // four members: the first takes the lowest, the second the two highest, the third what is left
            sameOn(rw, cw, "ZADD q 1 a 2 b 3 c 4 d");
            assertSameReply(r.readReply(), c.readReply(), "BZPOPMIN q 0");
            assertSameReply(r2.readReply(), c2.readReply(), "BZMPOP 0 2 other q MAX COUNT 2");
            assertSameReply(r3.readReply(), c3.readReply(), "BZPOPMAX q 0");
            same("EXISTS q");

            // one member for two waiters: the second keeps waiting for the next write
            sendOn(r, c, "BZPOPMAX q 0");
            awaitBlocked(1);
            sendOn(r2, c2, "BZPOPMIN q 0");
            awaitBlocked(2);
            sameOn(rw, cw, "ZADD q 7 only");
            assertSameReply(r.readReply(), c.readReply(), "BZPOPMAX q 0");
            sameOn(rw, cw, "ZADD q 8 next");
            assertSameReply(r2.readReply(), c2.readReply(), "BZPOPMIN q 0");
        }
    }

    @Test
    void aKeyOfAnotherTypeKeepsTheClientWaiting() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            sendOn(r, c, "BZPOPMIN k 0");
            awaitBlocked(1);
            for (String write : new String[] {"SADD k a", "DEL k", "RPUSH k a", "DEL k", "ZADD k 9 z"}) {
                sameOn(rw, cw, write);
            }
            assertSameReply(r.readReply(), c.readReply(), "BZPOPMIN k 0");
        }
    }

    @Test
    void waitersInAnotherDatabaseAreServedThere() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            same("SELECT 3");
            sendOn(r, c, "BZMPOP 0 1 k MIN");
            awaitBlocked(1);
            for (String write : new String[] {"ZADD k 1 in-db0", "SELECT 3", "ZADD k 2 in-db3", "ZCARD k", "SELECT 0", "ZCARD k"}) {
                sameOn(rw, cw, write);
            }
            assertSameReply(r.readReply(), c.readReply(), "BZMPOP 0 1 k MIN");
        }
    }

    @Test
    void clientUnblockEndsTheWaitWithTheTimeoutReply() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            long rid = Long.parseLong(Replies.show(r.call("CLIENT ID")).replaceAll("\\D", ""));
            long cid = Long.parseLong(Replies.show(c.call("CLIENT ID")).replaceAll("\\D", ""));
            for (String cmd : new String[] {"BZPOPMAX k 0", "BZMPOP 0 1 k MAX"}) {
                sendOn(r, c, cmd);
                awaitBlocked(1);
                assertSameReply(rw.call("CLIENT UNBLOCK " + rid), cw.call("CLIENT UNBLOCK " + cid), "CLIENT UNBLOCK");
                assertSameReply(r.readReply(), c.readReply(), cmd);
            }
        }
    }

    @Test
    void aTransactionServesWaitersOnlyAfterExec() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            sendOn(r, c, "BZPOPMIN k 0");
            awaitBlocked(1);
            for (String write : new String[] {"MULTI", "ZADD k 1 a 2 b", "ZPOPMIN k", "EXEC"}) {
                sameOn(rw, cw, write);
            }
            assertSameReply(r.readReply(), c.readReply(), "BZPOPMIN k 0");
            for (String write : new String[] {"EXISTS k"}) {
                sameOn(rw, cw, write);
            }
        }
    }
}
