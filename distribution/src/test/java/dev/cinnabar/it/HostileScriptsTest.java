package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripts that try to exhaust the server, where Redis itself would grow without bound or hang:
 * each gets an error reply, the server stays up and its memory comes back. Runs Cinnabar with a
 * small heap so that the bounds are reached quickly.
 */
class HostileScriptsTest {

    private static ServerProcess cinnabar;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabarWithJavaOptions("-Xmx256m");
    }

    @AfterAll
    static void stop() {
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    /** Filling a heap takes a while on a loaded machine: a minute per script before the test gives up. */
    private static String eval(RawConnection c, String body) {
        c.readTimeout(60_000);
        return new String(c.call("EVAL".getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.ISO_8859_1),
                "0".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
    }

    private static long usedMemory(RawConnection c) {
        String info = new String(c.call("INFO memory"), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("used_memory:(\\d+)").matcher(info);
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    private static void assertAlive(RawConnection c) {
        assertEquals("+PONG\r\n", new String(c.call("PING"), StandardCharsets.ISO_8859_1));
        assertTrue(cinnabar.alive(), "server died:\n" + cinnabar.log());
    }

    @Test
    void tableGrowthEndsWithAnErrorAndTheMemoryComesBack() {
        try (RawConnection c = cinnabar.connect()) {
            String reply = eval(c, "local t = {} while true do t[#t + 1] = {} end");
            assertTrue(reply.startsWith("-ERR ") && reply.contains("not enough memory"), reply);
            assertTrue(reply.contains("script: "), reply);
            assertAlive(c);
            // the script's tables are garbage now: a later script may use the heap again
            String again = eval(c, "local t = {} for i = 1, 100000 do t[i] = {} end return #t");
            assertEquals(":100000\r\n", again);
            assertTrue(usedMemory(c) < 256L << 20);
        }
    }

    @Test
    void stringDoublingEndsWithAnError() {
        try (RawConnection c = cinnabar.connect()) {
            String reply = eval(c, "local s = 'x' while true do s = s .. s end");
            assertTrue(reply.startsWith("-ERR ") && reply.contains("not enough memory"), reply);
            assertAlive(c);
            reply = eval(c, "local s = string.rep('x', 2^28) return #(s .. s .. s)");
            assertTrue(reply.startsWith("-ERR ") && reply.contains("not enough memory"), reply);
            assertAlive(c);
        }
    }

    @Test
    void memoryErrorsCannotBeCaughtToKeepFilling() {
        try (RawConnection c = cinnabar.connect()) {
            String reply = eval(c, "local keep = {} while true do pcall(function() local t = {} while true do t[#t + 1] = {} keep[#keep + 1] = t end end) end");
            assertTrue(reply.startsWith("-ERR ") && reply.contains("not enough memory"), reply);
            assertAlive(c);
        }
    }

    @Test
    void coroutinesAreBoundedAndRecursionEndsInStackOverflow() {
        try (RawConnection c = cinnabar.connect()) {
            String reply = eval(c, "local t = {} for i = 1, 5000 do local co = coroutine.create(function() coroutine.yield() end) coroutine.resume(co) t[i] = co end return #t");
            assertTrue(reply.startsWith("-ERR ") && reply.contains("too many coroutines"), reply);
            assertAlive(c);
            reply = eval(c, "local function f() return f() + 1 end return f()");
            assertTrue(reply.startsWith("-ERR user_script:1: stack overflow script: "), reply);
            reply = eval(c, "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(10000)");
            assertEquals(":10000\r\n", reply);
            assertAlive(c);
        }
    }

    /** The bounds are set with system properties (README "Script resource bounds"). */
    @Test
    void boundsAreConfigurable() {
        try (ServerProcess tight = ServerProcess.cinnabarWithJavaOptions(
                "-Xmx1g -Dcinnabar.lua.max-coroutines=10 -Dcinnabar.lua.max-call-depth=100 -Dcinnabar.lua.max-memory=100000000");
             RawConnection c = tight.connect()) {
            String co = eval(c, "local t = {} for i = 1, 11 do t[i] = coroutine.create(function() coroutine.yield() end) "
                    + "coroutine.resume(t[i]) end return 'all'");
            assertTrue(co.startsWith("-ERR user_script:1: too many coroutines (at most 10 alive in a script)"), co);
            assertEquals(":10\r\n", eval(c, "local t = {} for i = 1, 10 do t[i] = coroutine.create(function() coroutine.yield() end) "
                    + "coroutine.resume(t[i]) end return #t"));
            String deep = eval(c, "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(150)");
            assertTrue(deep.startsWith("-ERR user_script:1: stack overflow"), deep);
            assertEquals(":90\r\n", eval(c, "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(90)"));
            // 100 MB of live heap is reached long before the JVM's 1 GB
            String mem = eval(c, "local t = {} for i = 1, 5000 do t[i] = string.rep('x', 100000) .. i end return #t");
            assertTrue(mem.startsWith("-ERR ") && mem.contains("not enough memory"), mem);
            assertEquals("+PONG\r\n", new String(c.call("PING"), StandardCharsets.ISO_8859_1));
        }
    }
}
