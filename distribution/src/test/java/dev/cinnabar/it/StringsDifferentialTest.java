package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/**
 * The string commands of {@code t_string.c} against real Redis: every option combination and
 * error text of SET/GETEX, the counters, INCRBYFLOAT's long-double formatting, ranges, limits.
 * Cinnabar has no FLUSHALL yet, so each case deletes its keys first.
 */
class StringsDifferentialTest extends DifferentialTest {

    @Test
    void setAndGetPlain() {
        both("DEL k");
        same("GET k");
        same("SET k v");
        same("GET k");
        same("SET k \"\"");
        same("GET k");
        same("SET k 12345");
        same("GET k");
    }

    @Test
    void setOptionCombinationRulesMatchRedis() {
        both("DEL so");
        same("SET so v NX XX");
        same("SET so v XX NX");
        same("SET so v NX NX");
        same("SET so v GET GET");
        same("SET so v KEEPTTL EX 10");
        same("SET so v EX 10 KEEPTTL");
        same("SET so v EX 10 PX 10");
        same("SET so v EXAT 10 PXAT 10");
        same("SET so v PX 10 EXAT 10");
        same("SET so v EX 10 EX 20");
        same("SET so v EX");
        same("SET so v PX");
        same("SET so v PERSIST");
        same("SET so v FOO");
        same("SET so v nx");
        same("SET so v2 nx");
        same("GET so");
        same("SET so v3 xx");
        same("GET so");
        same("SET so v4 xX kEePtTl");
        same("GET so");
    }

    @Test
    void setExpireValuesAndOverflowMatchRedis() {
        both("DEL se");
        same("SET se v EX 0");
        same("SET se v EX -1");
        same("SET se v PX 0");
        same("SET se v EXAT 0");
        same("SET se v PXAT -5");
        same("SET se v EX x");
        same("SET se v EX 1.5");
        same("SET se v PX 9223372036854775807");
        same("SET se v EX 9223372036854775807");
        same("SET se v EX 9223372036854776");
        same("SET se v EX 9223372036854775");
        same("SET se v EXAT 9223372036854775");
        same("SET se v PXAT 9223372036854775807");
        same("GET se");
        same("SET se v EX 100");
        same("GET se");
        same("SET se v EX 9223372036854 GET");
    }

    @Test
    void setGetReturnsTheOldValueAndHonoursNxXx() {
        both("DEL sg sg2");
        same("SET sg v1 GET");
        same("SET sg v2 GET");
        same("SET sg v3 NX GET");
        same("GET sg");
        same("SET sg v4 XX GET");
        same("SET sg2 v XX GET");
        same("GET sg2");
        same("SET sg2 v NX GET");
        same("GET sg2");
        same("SET sg 123 GET");
        same("SET sg v KEEPTTL GET");
    }

    @Test
    void pastAbsoluteExpiryIsAcceptedAndTheKeyIsGone() {
        both("DEL sp");
        same("SET sp v EXAT 1");
        same("GET sp");
        same("SET sp v PXAT 1 GET");
        same("SET sp v PXAT 1 GET");
        same("GET sp");
    }

    @Test
    void relativeExpiryRemovesTheKey() throws InterruptedException {
        both("DEL sr1 sr2 sr3 sr4");
        same("SET sr1 v PX 60");
        same("PSETEX sr2 60 v");
        same("SET sr3 1 PX 60");
        same("INCR sr3");
        same("SET sr4 v PX 60");
        same("SET sr4 w");
        Thread.sleep(150);
        same("GET sr1");
        same("GET sr2");
        same("GET sr3");
        same("GET sr4");
        same("SET sr1 v PX 60 GET");
    }

    @Test
    void setnxSetexPsetex() {
        both("DEL sn");
        same("SETNX sn v");
        same("SETNX sn w");
        same("GET sn");
        same("SETNX sn");
        same("SETEX sn 0 v");
        same("SETEX sn -5 v");
        same("SETEX sn x v");
        same("SETEX sn 9223372036854775807 v");
        same("SETEX sn 100 v");
        same("GET sn");
        same("PSETEX sn 0 v");
        same("PSETEX sn 100000 w");
        same("GET sn");
        same("SETEX sn 100");
    }

    @Test
    void getsetGetdelGetex() {
        both("DEL gs gx");
        same("GETSET gs new");
        same("GETSET gs newer");
        same("GET gs");
        same("GETDEL gs");
        same("GETDEL gs");
        same("GET gs");
        same("GETEX gx");
        same("SET gx v");
        same("GETEX gx");
        same("GETEX gx EX 0");
        same("GETEX gx EX -1");
        same("GETEX gx PX x");
        same("GETEX gx EX 9223372036854775807");
        same("GETEX gx EX 100");
        same("GETEX gx PERSIST");
        same("GETEX gx PERSIST EX 1");
        same("GETEX gx EX 1 PERSIST");
        same("GETEX gx EX 1 PX 1");
        same("GETEX gx NX");
        same("GETEX gx KEEPTTL");
        same("GETEX gx GET");
        same("GETEX gx EX");
        same("GETEX nokey:gx EX 0");
        same("GETEX nokey:gx EX -1 PERSIST");
        same("GETEX nokey:gx FOO");
        same("GETEX gx EXAT 1");
        same("GET gx");
    }

    @Test
    void msetMsetnxMget() {
        both("DEL ma mb mc md");
        same("MSET ma 1 mb 2");
        same("MSET ma 1 mb");
        same("MSETNX ma 1 mc 2");
        same("MSETNX mc 1 md 2");
        same("MSETNX mc 1 md");
        same("MSETNX mc");
        same("MGET ma mb mc md nokey:m");
        same("MGET nokey:m");
        same("MSET ma x ma y");
        same("GET ma");
    }

    @Test
    void integerCountersAndTheirErrors() {
        both("DEL ia ib ic is big small");
        same("INCR ia");
        same("INCR ia");
        same("DECR ib");
        same("INCRBY ia 10");
        same("INCRBY ia x");
        same("INCRBY ia 1.5");
        same("INCRBY ia 99999999999999999999");
        same("DECRBY ia 10");
        same("DECRBY ia -9223372036854775808");
        same("INCRBY ic -9223372036854775808");
        same("SET big 9223372036854775807");
        same("INCR big");
        same("DECRBY big -1");
        same("INCRBY big 0");
        same("SET small -9223372036854775808");
        same("DECR small");
        same("INCRBY small -1");
        same("SET is foo");
        same("INCR is");
        same("SET is \" 1\"");
        same("INCR is");
        same("SET is 01");
        same("INCR is");
        same("SET is +1");
        same("INCR is");
        same("SET is 1.0");
        same("DECR is");
        same("SET is 9223372036854775808");
        same("INCR is");
    }

    @Test
    void incrbyfloatFormatsLikeRedisLongDouble() {
        both("DEL f1 f2 f3 f4 f5 f6 f7 f8 f9 f10");
        same("SET f1 10.5");
        same("INCRBYFLOAT f1 0.1");
        same("INCRBYFLOAT f1 3.0e3");
        same("INCRBYFLOAT f1 1e-5");
        same("INCRBYFLOAT f2 0.1");
        same("INCRBYFLOAT f2 0.2");
        same("INCRBYFLOAT f2 0.1");
        same("INCRBYFLOAT f2 -0.4");
        same("INCRBYFLOAT f3 1e300");
        same("INCRBYFLOAT f3 1e4000");
        same("INCRBYFLOAT f3 -1e4000");
        same("INCRBYFLOAT f4 123456789012345678901234567890");
        same("INCRBYFLOAT f4 0.5");
        same("INCRBYFLOAT f5 0.000003814697265625");
        same("INCRBYFLOAT f5 1.23456789012345678901234");
        same("INCRBYFLOAT f6 5e-18");
        same("INCRBYFLOAT f6 1.5e-17");
        same("INCRBYFLOAT f6 -1.5e-17");
        same("INCRBYFLOAT f7 1.18e4932");
        same("INCRBYFLOAT f7 1.18e4932");
        same("INCRBYFLOAT f7 1.19e4932");
        same("INCRBYFLOAT f8 3");
        same("INCRBYFLOAT f8 .5");
        same("INCRBYFLOAT f8 5.");
        same("INCRBYFLOAT f8 +1");
        same("INCRBYFLOAT f8 -3.14159265358979323846264338327950288");
        same("INCRBYFLOAT f8 0x10");
        same("INCRBYFLOAT f8 0x1p-3");
        same("INCRBYFLOAT f8 0XA.8P1");
        same("INCRBYFLOAT f8 1e-4940");
        same("INCRBYFLOAT f9 1e-4950");
        same("INCRBYFLOAT f9 -0.0");
        same("INCRBYFLOAT f10 9999999999999999");
        same("INCRBYFLOAT f10 0.0000001");
        same("INCRBYFLOAT f10 -1.7976931348623157e308");
    }

    @Test
    void incrbyfloatErrorsMatchRedis() {
        both("DEL fe fi");
        same("INCRBYFLOAT fe inf");
        same("INCRBYFLOAT fe -Infinity");
        same("INCRBYFLOAT fe nan");
        same("INCRBYFLOAT fe 1e5000");
        same("INCRBYFLOAT fe 1e-5000");
        same("INCRBYFLOAT fe abc");
        same("INCRBYFLOAT fe \" 1\"");
        same("INCRBYFLOAT fe \"1 \"");
        same("INCRBYFLOAT fe 1e");
        same("INCRBYFLOAT fe -");
        same("INCRBYFLOAT fe \"\"");
        same("INCRBYFLOAT fe 0x");
        same("GET fe");
        same("SET fi foo");
        same("INCRBYFLOAT fi 1");
        same("SET fi inf");
        same("INCRBYFLOAT fi 1");
        same("SET fi 12");
        same("INCRBYFLOAT fi 1");
    }

    @Test
    void appendAndStrlen() {
        both("DEL ap an");
        same("APPEND ap hello");
        same("APPEND ap \" world\"");
        same("GET ap");
        same("STRLEN ap");
        same("STRLEN nokey:ap");
        same("SET an 12345");
        same("STRLEN an");
        same("APPEND an 6");
        same("GET an");
        same("APPEND an \"\"");
        same("STRLEN an");
    }

    @Test
    void getrangeAndSubstrIndexRules() {
        both("DEL gr gn ge");
        same("SET gr \"hello world\"");
        for (String range : new String[] {"0 4", "-5 -1", "-1 -5", "5 1", "0 -100", "-100 -100", "-100 2", "100 200",
                "0 9223372036854775807", "-9223372036854775808 9223372036854775807", "3 3", "-1 0", "0 -1"}) {
            same("GETRANGE gr " + range);
            same("SUBSTR gr " + range);
        }
        same("GETRANGE gr x 1");
        same("GETRANGE gr 0 y");
        same("GETRANGE nokey:gr 0 1");
        same("GETRANGE nokey:gr x 1");
        same("SET gn -12345");
        same("GETRANGE gn 1 2");
        same("SET ge \"\"");
        same("GETRANGE ge 0 -1");
        same("GETRANGE ge 0 0");
    }

    @Test
    void setrangePadsAndChecksLimits() {
        both("DEL sr sr2 sn");
        same("SETRANGE sr 5 hi");
        same("GET sr");
        same("SETRANGE sr 0 HELLO");
        same("GET sr");
        same("SETRANGE sr 2 \"\"");
        same("SETRANGE sr -1 x");
        same("SETRANGE sr x x");
        same("SETRANGE sr 536870912 x");
        same("SETRANGE sr 536870911 xx");
        same("SETRANGE sr 9223372036854775807 x");
        same("SETRANGE sr 536870911 \"\"");
        same("SETRANGE sr2 536870911 \"\"");
        same("GET sr2");
        same("SET sn 12345");
        same("SETRANGE sn 1 9");
        same("GET sn");
    }

    @Test
    void binarySafeKeysAndValues() {
        byte[] key = {(byte) 0xff, 0, '\r', '\n', (byte) 0x80, ' '};
        byte[] value = {0, (byte) 0xfe, '\r', '\n', 0, (byte) 0xc3, (byte) 0x28};
        same(bytes("DEL"), key);
        same(bytes("SET"), key, value);
        same(bytes("GET"), key);
        same(bytes("APPEND"), key, value);
        same(bytes("STRLEN"), key);
        same(bytes("GETRANGE"), key, bytes("1"), bytes("9"));
        same(bytes("SETRANGE"), key, bytes("3"), value);
        same(bytes("MGET"), key, bytes("nokey:bin"));
        same(bytes("SET"), key, value, bytes("GET"));
        same(bytes("GETSET"), key, new byte[] {(byte) 0x80});
        same(bytes("SET"), key, bytes("1"), bytes("NX\u0000junk"));
        same(bytes("SET"), key, bytes("1"), bytes("XX\u0000junk"), bytes("GET\u0000"));
        same(bytes("INCRBYFLOAT"), key, bytes("1.5\u0000x"));
        same(bytes("GETDEL"), key);
    }

    @Test
    void lcsRepliesInResp2() {
        both("DEL l1 l2 l3 l4 ln");
        same("SET l1 ohmytext");
        same("SET l2 mynewtext");
        same("LCS l1 l2");
        same("LCS l1 l2 LEN");
        same("LCS l1 l2 IDX");
        same("LCS l1 l2 IDX MINMATCHLEN 4");
        same("LCS l1 l2 IDX MINMATCHLEN 4 WITHMATCHLEN");
        same("LCS l1 l2 IDX WITHMATCHLEN");
        same("LCS l1 l2 idx withmatchlen minmatchlen 2");
        same("LCS l1 l2 IDX LEN");
        same("LCS l1 l2 LEN IDX");
        same("LCS l1 l2 MINMATCHLEN");
        same("LCS l1 l2 MINMATCHLEN x");
        same("LCS l1 l2 MINMATCHLEN -5 IDX");
        same("LCS l1 l2 FOO");
        same("LCS l1 nokey:l");
        same("LCS l1 nokey:l IDX");
        same("LCS nokey:l nokey:l2 LEN");
        same("LCS l1 l2 LEN LEN WITHMATCHLEN");
        same("LCS l1 l1 IDX WITHMATCHLEN");
        same("SET l3 \"a\\x00b\\xffc\"");
        same("SET l4 \"\\xff\\x00c\"");
        same("LCS l3 l4");
        same("LCS l3 l4 IDX WITHMATCHLEN");
        same("SET ln 1234567");
        same("LCS ln l1 IDX");
        same("SET ln 13570");
        same("SET l1 0123456789");
        same("LCS ln l1 IDX WITHMATCHLEN");
    }

    @Test
    void lcsRepliesInResp3() {
        helloResp3();
        both("DEL l1 l2");
        same("SET l1 ohmytext");
        same("SET l2 mynewtext");
        same("LCS l1 l2");
        same("LCS l1 l2 LEN");
        same("LCS l1 l2 IDX");
        same("LCS l1 l2 IDX WITHMATCHLEN MINMATCHLEN 2");
        same("GET nokey:l");
        same("MGET nokey:l l1");
        same("SET l1 v NX GET");
        same("SET nokey:l v XX");
        same("GETEX nokey:l");
    }
}
