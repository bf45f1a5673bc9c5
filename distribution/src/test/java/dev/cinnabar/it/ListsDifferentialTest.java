package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/** The list commands (commands-lists plugin) against Redis 7.0.15, reply for reply. */
class ListsDifferentialTest extends DifferentialTest {

    // ---- LPUSH, RPUSH, LPUSHX, RPUSHX, LLEN

    @Test
    void pushesReturnTheNewLengthAndXVariantsNeedAnExistingList() {
        same("LPUSHX l a");
        same("RPUSHX l a");
        same("EXISTS l");
        same("LPUSH l a b c");
        same("RPUSH l d e");
        same("LPUSHX l z");
        same("RPUSHX l y x");
        same("LRANGE l 0 -1");
        same("LLEN l");
        same("LLEN nokey");
        same("TYPE l");
        same("OBJECT ENCODING l");
        same("LPUSH l");
        same("RPUSHX l");
    }

    @Test
    void listCommandsOnAStringAreWrongType() {
        same("SET s v");
        for (String cmd : new String[] {"LPUSH s a", "RPUSH s a", "LPUSHX s a", "RPUSHX s a", "LPOP s", "RPOP s 2",
                "LLEN s", "LINDEX s 0", "LSET s 0 a", "LRANGE s 0 -1", "LTRIM s 0 1", "LREM s 0 a",
                "LINSERT s BEFORE a b", "LPOS s a", "LMOVE s d LEFT RIGHT", "RPOPLPUSH s d", "LMPOP 1 s LEFT",
                "BLPOP s 1", "BRPOP nokey s 1", "BLMOVE s d LEFT LEFT 1", "BRPOPLPUSH s d 1", "BLMPOP 1 1 s LEFT"}) {
            same(cmd);
        }
        same("RPUSH l a");
        same("LMOVE l s LEFT RIGHT");
        same("RPOPLPUSH l s");
        same("LRANGE l 0 -1");
    }

    @Test
    void digestsAndCopiesMatchRedis() {
        same("RPUSH l a 1 -5 " + "x".repeat(100) + " 9223372036854775807 b");
        same("DEBUG DIGEST-VALUE l");
        same("COPY l l2");
        same("RPUSH l2 extra");
        same("LRANGE l 0 -1");
        same("LRANGE l2 0 -1");
        same("RENAME l2 l3");
        same("TYPE l3");
    }

    @Test
    void binaryElementsSurviveUnchanged() {
        byte[] element = {0, (byte) 0xff, '\r', '\n', ' ', 'x'};
        same(bytes("RPUSH"), bytes("b"), element, new byte[0]);
        same("LRANGE b 0 -1");
        same(bytes("LPOS"), bytes("b"), element);
        same(bytes("LREM"), bytes("b"), bytes("0"), new byte[0]);
        same("LPOP b");
    }

    // ---- LPOP, RPOP, LMPOP

    @Test
    void popWithAndWithoutCountInResp2() {
        popCases();
    }

    @Test
    void popWithAndWithoutCountInResp3() {
        both("HELLO 3");
        popCases();
    }

    private void popCases() {
        same("LPOP nokey");
        same("RPOP nokey");
        same("LPOP nokey 0");
        same("LPOP nokey 3");
        same("RPUSH l a b c d e f");
        same("LPOP l");
        same("RPOP l");
        same("LPOP l 0");
        same("LPOP l 2");
        same("RPOP l 1");
        same("RPOP l 10");
        same("EXISTS l");
        same("RPUSH l a");
        same("LPOP l -1");
        same("LPOP l x");
        same("LPOP l 1 2");
        same("RPOP l 1 2 3");
        same("RPOP l");
        same("EXISTS l");
        same("LMPOP 1 nokey LEFT");
        same("RPUSH m 1 2 3 4 5");
        same("LMPOP 2 nokey m LEFT");
        same("LMPOP 2 nokey m RIGHT COUNT 2");
        same("LMPOP 1 m right count 10");
        same("EXISTS m");
    }

    @Test
    void lmpopArgumentErrorsComeInRedisOrder() {
        same("RPUSH l a b");
        same("LMPOP 0 l LEFT");
        same("LMPOP -1 l LEFT");
        same("LMPOP x l LEFT");
        same("LMPOP 1 l MIDDLE");
        same("LMPOP 2 l LEFT");
        same("LMPOP 3 l LEFT");
        same("LMPOP 9223372036854775807 l LEFT");
        same("LMPOP 1 l LEFT COUNT 0");
        same("LMPOP 1 l LEFT COUNT -1");
        same("LMPOP 1 l LEFT COUNT x");
        same("LMPOP 1 l LEFT COUNT");
        same("LMPOP 1 l LEFT COUNT 1 COUNT 1");
        same("LMPOP 1 l LEFT FOO");
        same("LMPOP 1 l");
        same("LRANGE l 0 -1");
    }

    // ---- LINDEX, LSET, LRANGE, LTRIM

    @Test
    void indexAndSetFollowRedisBoundsAndErrors() {
        same("LINDEX nokey 0");
        same("LINDEX nokey x");
        same("LSET nokey 0 a");
        same("LSET nokey x a");
        same("RPUSH l a b c");
        same("LINDEX l 0");
        same("LINDEX l -1");
        same("LINDEX l -3");
        same("LINDEX l -4");
        same("LINDEX l 3");
        same("LINDEX l x");
        same("LINDEX l 9223372036854775807");
        same("LINDEX l -9223372036854775808");
        same("LSET l 1 B");
        same("LSET l -1 C");
        same("LSET l 3 x");
        same("LSET l -4 x");
        same("LSET l x x");
        same("LRANGE l 0 -1");
    }

    @Test
    void rangeAndTrimClampLikeRedis() {
        same("LRANGE nokey 0 -1");
        same("LRANGE nokey x 1");
        same("RPUSH l 0 1 2 3 4 5 6 7 8 9");
        String[] ranges = {"0 -1", "0 0", "-1 -1", "2 5", "5 2", "-3 -1", "-100 2", "8 100", "10 20", "-100 -50",
                "-9223372036854775808 9223372036854775807", "0 -11", "0 -10", "9223372036854775807 -1"};
        for (String range : ranges) {
            same("LRANGE l " + range);
        }
        same("LRANGE l x 1");
        same("LRANGE l 1 1.5");
        same("LTRIM nokey 0 1");
        same("LTRIM l x 1");
        same("LTRIM l 1 -2");
        same("LRANGE l 0 -1");
        same("LTRIM l -3 100");
        same("LRANGE l 0 -1");
        same("LTRIM l 2 1");
        same("EXISTS l");
        same("RPUSH l a b");
        same("LTRIM l 5 10");
        same("EXISTS l");
    }

    // ---- LREM, LINSERT, LPOS

    @Test
    void lremCountsFromEitherEnd() {
        same("LREM nokey 0 a");
        same("LREM nokey x a");
        same("RPUSH l a b a c a d a");
        same("LREM l 2 a");
        same("LRANGE l 0 -1");
        same("LREM l -1 a");
        same("LRANGE l 0 -1");
        same("LREM l 0 a");
        same("LREM l 0 zz");
        same("LRANGE l 0 -1");
        same("LREM l x b");
        same("LREM l -9223372036854775808 b");
        same("LREM l 0 c");
        same("LREM l 0 d");
        same("EXISTS l");
    }

    @Test
    void linsertBeforeAndAfterThePivot() {
        same("LINSERT nokey BEFORE a b");
        same("RPUSH l a b c");
        same("LINSERT l BEFORE a x");
        same("LINSERT l after c y");
        same("LINSERT l AFTER b z");
        same("LINSERT l before nope z");
        same("LINSERT l MIDDLE a z");
        same("LINSERT nokey MIDDLE a z");
        same("LRANGE l 0 -1");
    }

    @Test
    void lposWithRankCountAndMaxlen() {
        same("LPOS nokey a");
        same("LPOS nokey a COUNT 2");
        same("RPUSH l a b c a b c a");
        String[] options = {"", "RANK 1", "RANK 2", "RANK 4", "RANK -1", "RANK -2", "COUNT 0", "COUNT 2", "COUNT 10",
                "RANK 2 COUNT 0", "RANK -1 COUNT 2", "MAXLEN 1", "MAXLEN 4", "RANK -1 MAXLEN 1", "COUNT 0 MAXLEN 5",
                "RANK -9223372036854775808", "RANK 9223372036854775807", "rank 2 count 1 maxlen 0"};
        for (String opt : options) {
            same("LPOS l a " + opt);
            same("LPOS l zz " + opt);
        }
        same("LPOS l a RANK 0");
        same("LPOS l a RANK x");
        same("LPOS l a COUNT -1");
        same("LPOS l a COUNT x");
        same("LPOS l a MAXLEN -1");
        same("LPOS l a MAXLEN x");
        same("LPOS l a COUNT");
        same("LPOS l a FOO 1");
        same("LPOS s a RANK 0");
        both("HELLO 3");
        same("LPOS l zz");
        same("LPOS nokey a");
        same("LPOS l a COUNT 0");
    }

    // ---- LMOVE, RPOPLPUSH

    @Test
    void lmoveBetweenAndWithinLists() {
        same("LMOVE nokey d LEFT RIGHT");
        same("RPOPLPUSH nokey d");
        same("EXISTS d");
        same("RPUSH l a b c");
        same("LMOVE l d LEFT RIGHT");
        same("LMOVE l d RIGHT LEFT");
        same("LMOVE l d left left");
        same("EXISTS l");
        same("LRANGE d 0 -1");
        same("RPOPLPUSH d d");
        same("LMOVE d d LEFT RIGHT");
        same("LRANGE d 0 -1");
        same("RPUSH one x");
        same("LMOVE one one LEFT LEFT");
        same("LRANGE one 0 -1");
        same("LMOVE d e UP LEFT");
        same("LMOVE d e LEFT DOWN");
        same("LMOVE nokey e UP LEFT");
    }

    // ---- blocking commands that need not block

    @Test
    void blockingPopsServeAtOnceWhenAListHasElements() {
        same("RPUSH l a b c");
        same("BLPOP nokey l 0");
        same("BRPOP l nokey 1");
        same("BLMPOP 1 2 nokey l RIGHT COUNT 5");
        same("RPUSH l a b c");
        same("BLMOVE l d RIGHT LEFT 0");
        same("BRPOPLPUSH l d 0.5");
        same("LRANGE d 0 -1");
        both("HELLO 3");
        same("BLPOP l 0");
        same("BLMPOP 0 1 d LEFT");
    }

    @Test
    void blockingArgumentErrorsComeBeforeKeyLookups() {
        same("SET s v");
        for (String timeout : new String[] {"x", "-1", "-0.5", "inf", "-inf", "1e20", "9223372036854775807", "nan", " 1", "1 "}) {
            same(new byte[][] {bytes("BLPOP"), bytes("s"), bytes(timeout)});
            same(new byte[][] {bytes("BRPOP"), bytes("s"), bytes(timeout)});
            same(new byte[][] {bytes("BLMOVE"), bytes("s"), bytes("d"), bytes("LEFT"), bytes("LEFT"), bytes(timeout)});
            same(new byte[][] {bytes("BRPOPLPUSH"), bytes("s"), bytes("d"), bytes(timeout)});
            same(new byte[][] {bytes("BLMPOP"), bytes(timeout), bytes("1"), bytes("s"), bytes("LEFT")});
        }
        same("BLMOVE s d UP LEFT x");
        same("BLMPOP x 0 s LEFT");
        same("BLMPOP x 1 s LEFT COUNT 0");
        same("BLMPOP 0 1 s");
        same("BLPOP s");
    }

    // ---- blocking commands that block

    @Test
    void blockingCommandsTimeOutWithANullArrayInResp2AndNullInResp3() {
        timeoutCases();
        both("HELLO 3");
        timeoutCases();
    }

    private void timeoutCases() {
        same("BLPOP nokey 0.05");
        same("BRPOP nokey other 0.05");
        same("BLMPOP 0.05 2 nokey other LEFT COUNT 3");
        same("BLMOVE nokey d LEFT RIGHT 0.05");
        same("BRPOPLPUSH nokey d 0.05");
        same("EXISTS d");
    }

    @Test
    void aBlockedClientIsServedByAnotherClientsPush() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            for (String[] blockAndPush : new String[][] {
                    {"BLPOP a b 0", "RPUSH b x y"},
                    {"BRPOP a b 0", "LPUSH a x y"},
                    {"BLMPOP 0 2 a b RIGHT COUNT 5", "RPUSH b 1 2 3"},
                    {"BLMPOP 0 1 a LEFT", "RPUSH a 1 2 3"},
                    {"BLMOVE a d RIGHT LEFT 0", "RPUSH a 1 2"},
                    {"BRPOPLPUSH a d 0", "RPUSH a 3"}}) {
                r.write(RawConnection.encode(RawConnection.split(blockAndPush[0])));
                c.write(RawConnection.encode(RawConnection.split(blockAndPush[0])));
                awaitBlocked(1);
                assertSameReply(rw.call(blockAndPush[1]), cw.call(blockAndPush[1]), blockAndPush[1]);
                assertSameReply(r.readReply(), c.readReply(), blockAndPush[0]);
                assertSameReply(rw.call("LRANGE a 0 -1"), cw.call("LRANGE a 0 -1"), "LRANGE a");
                assertSameReply(rw.call("LRANGE b 0 -1"), cw.call("LRANGE b 0 -1"), "LRANGE b");
                both("DEL a b");
            }
            same("LRANGE d 0 -1");
        }
    }

    @Test
    void blmoveServedOntoAWrongTypeDestinationGetsWrongTypeAndMovesNothing() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            r.write(RawConnection.encode(RawConnection.split("BLMOVE src dst LEFT LEFT 0")));
            c.write(RawConnection.encode(RawConnection.split("BLMOVE src dst LEFT LEFT 0")));
            awaitBlocked(1);
            rw.call("SET dst x");
            cw.call("SET dst x");
            assertSameReply(rw.call("RPUSH src e"), cw.call("RPUSH src e"), "RPUSH src e");
            assertSameReply(r.readReply(), c.readReply(), "BLMOVE src dst LEFT LEFT 0");
            same("LRANGE src 0 -1");
        }
    }

    @Test
    void requestsPipelinedBehindABlockedCommandRunAfterIt() {
        try (RawConnection rw = redisServer().connect(); RawConnection cw = cinnabarServer().connect()) {
            byte[] pipeline = bytes("*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*2\r\n$4\r\nLLEN\r\n$1\r\nk\r\n");
            r.write(pipeline);
            c.write(pipeline);
            awaitBlocked(1);
            assertSameReply(rw.call("RPUSH k a b"), cw.call("RPUSH k a b"), "RPUSH k a b");
            assertSameReply(r.readReply(), c.readReply(), "BLPOP k 0");
            assertSameReply(r.readReply(), c.readReply(), "LLEN k");
        }
    }

    @Test
    void clientUnblockArgumentsAndMissingClients() {
        same("CLIENT UNBLOCK 999999");
        same("CLIENT UNBLOCK 999999 TIMEOUT");
        same("CLIENT UNBLOCK 999999 error");
        same("CLIENT UNBLOCK x");
        same("CLIENT UNBLOCK 1 FOO");
        same("CLIENT UNBLOCK x FOO");
        same("CLIENT UNBLOCK 1 TIMEOUT x");
        same("CLIENT UNBLOCK");
    }
}
