package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/**
 * Bad input with huge numbers against big values: whole-range reads of a 2M-element list, extreme
 * indexes and LIMITs, absurd random counts. Both servers must answer the same bytes and stay up
 * (the base class checks that Cinnabar is alive after each test).
 */
class HugeRangesDifferentialTest extends DifferentialTest {

    private void fillList(String key, int elements) {
        int perCall = 10_000;
        for (int done = 0; done < elements; done += perCall) {
            byte[][] args = new byte[perCall + 2][];
            args[0] = bytes("RPUSH");
            args[1] = bytes(key);
            for (int i = 0; i < perCall; i++) {
                args[i + 2] = Integer.toString(done + i).getBytes(StandardCharsets.US_ASCII);
            }
            same(args);
        }
    }

    @Test
    void wholeRangeOfATwoMillionElementListMatchesRedis() {
        fillList("big", 2_000_000);
        same("LLEN big");
        same("LRANGE big 0 -1");
        same("LRANGE big -9223372036854775808 9223372036854775807");
        same("LRANGE big 9223372036854775807 -9223372036854775808");
        same("LINDEX big -9223372036854775808");
        same("LPOS big 1999999 MAXLEN 0");
        same("LTRIM big 1000 -1000");
        same("LLEN big");
        same("PING");
    }

    @Test
    void extremeLimitsAndCountsOnSortedSetsSetsAndHashes() {
        for (int i = 0; i < 300; i++) {
            both("ZADD z " + i + " m" + i);
            both("SADD s m" + i);
            both("HSET h f" + i + " " + i);
        }
        same("ZRANGE z 0 -1 LIMIT 0 9223372036854775807");
        same("ZRANGE z (1 +inf BYSCORE LIMIT 9223372036854775807 9223372036854775807");
        same("ZRANGE z -inf +inf BYSCORE LIMIT -9223372036854775808 5");
        same("ZRANGEBYSCORE z -inf +inf LIMIT 0 -1");
        same("ZRANGE z -9223372036854775808 9223372036854775807");
        same("ZRANGE z 0 -1 BYSCORE LIMIT 0 1e400");
        same("ZADD z 1e400 x");
        same("ZADD z nan x");
        same("ZINCRBY z inf m1");
        same("ZINCRBY z -inf m1");
        same("HINCRBYFLOAT h f1 1e400");
        sameUnordered("SRANDMEMBER s 9223372036854775807"); // the whole set, in hash order
        same("SPOP s -1");
        same("HRANDFIELD h 0");
        same("LINSERT nolist BEFORE a b");
        same("PING");
    }
}
