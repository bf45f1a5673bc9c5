package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DEBUG subcommands that reply the same on any server, compared with Redis 7.0.15. */
class DebugDifferentialTest extends DifferentialTest {

    @Test
    void helpAndUnknownSubcommandsMatchRedis() {
        same("DEBUG HELP");
        same("DEBUG HELP x");
        same("DEBUG nosuch");
        same("DEBUG sleep");
        same("DEBUG");
        same("DEBUG reload x");
    }

    @Test
    void protocolRepliesMatchRedisInResp2() {
        for (String t : new String[] {"string", "integer", "double", "bignum", "null", "array", "set", "map",
                "attrib", "push", "verbatim", "true", "false", "nosuch"}) {
            same("DEBUG PROTOCOL " + t);
        }
    }

    @Test
    void simpleSwitchesReplyOk() {
        same("DEBUG SLEEP 0");
        same("DEBUG SLEEP abc");
        same("DEBUG SET-ACTIVE-EXPIRE 0");
        same("DEBUG SET-ACTIVE-EXPIRE 1");
        same("DEBUG SET-SKIP-CHECKSUM-VALIDATION 1");
        same("DEBUG SET-SKIP-CHECKSUM-VALIDATION 0");
        same("DEBUG LOG \"### Starting test x\"");
        same("DEBUG CHANGE-REPL-ID");
        same("DEBUG PAUSE-CRON 0");
        same("DEBUG SET-DISABLE-DENY-SCRIPTS 0");
        same("DEBUG QUICKLIST-PACKED-THRESHOLD 1mb");
        same("DEBUG QUICKLIST-PACKED-THRESHOLD 0");
        same("DEBUG QUICKLIST-PACKED-THRESHOLD 5gb");
        same("DEBUG QUICKLIST-PACKED-THRESHOLD abc");
        same("DEBUG ERROR foo");
        same("DEBUG STRINGMATCH-TEST");
    }

    @Test
    void populateCreatesTheSameKeysAndValues() {
        same("DEBUG POPULATE -1");
        same("DEBUG POPULATE x");
        same("DEBUG POPULATE 3");
        same("GET key:0");
        same("GET key:2");
        same("GET key:3");
        same("DEBUG POPULATE 2 p 3");
        same("GET p:1");
        same("DEBUG POPULATE 2 q 10");
        same("GET q:1");
        same("SET s:0 keep");
        same("DEBUG POPULATE 1 s");
        same("GET s:0");
    }

    @Test
    void objectAndDigestsBehaveLikeRedis() {
        same("DEBUG OBJECT nokey");
        same("DEBUG DIGEST-VALUE nokey");
        // DEBUG DIGEST itself is compared only with itself: digests differ between implementations
        both("SET a hello");
        String info = new String(c.call("DEBUG OBJECT a"));
        assertTrue(info.matches("\\+Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:6 lru:\\d+ lru_seconds_idle:\\d+\r\n"), info);
        String d1 = new String(c.call("DEBUG DIGEST"));
        assertNotEquals("+" + "0".repeat(40) + "\r\n", d1);
        c.call("SET digest-probe world");
        assertNotEquals(d1, new String(c.call("DEBUG DIGEST")), "digest covers every key");
        c.call("DEL digest-probe");
        assertEquals(d1, new String(c.call("DEBUG DIGEST")), "digest depends only on content");
        String v = new String(c.call("DEBUG DIGEST-VALUE a nokey"));
        assertTrue(v.matches("\\*2\r\n\\+[0-9a-f]{40}\r\n\\+0{40}\r\n"), v);
    }
}
