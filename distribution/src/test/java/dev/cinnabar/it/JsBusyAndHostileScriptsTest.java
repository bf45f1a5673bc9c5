package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JavaScript that runs too long or attacks the server: past {@code busy-reply-threshold} others get
 * BUSY, SCRIPT KILL / FUNCTION KILL end the run with the texts the Lua engine's runs get, no
 * {@code try}/{@code catch}/{@code finally} keeps it alive; Java access, endless recursion and
 * huge strings each end with an error reply while the server keeps serving. A small heap, so that
 * the memory bound is reached quickly.
 */
class JsBusyAndHostileScriptsTest {

    private static ServerProcess cinnabar;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabarWithJavaOptions("-XX:+UseSerialGC -Xmx256m");
        try (RawConnection c = cinnabar.connect()) {
            c.call("CONFIG SET busy-reply-threshold 100");
        }
    }

    @AfterAll
    static void stop() {
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    private static byte[][] argv(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return argv;
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    private static String call(RawConnection c, String... args) {
        return text(c.call(argv(args)));
    }

    private static void assertAlive(RawConnection c) {
        assertEquals("+PONG\r\n", call(c, "PING"));
        assertTrue(cinnabar.alive(), "server died:\n" + cinnabar.log());
    }

    /** Starts a command on {@code busy}, checks that {@code other} gets BUSY, kills it with {@code kill}; the killed reply. */
    private static String runUntilKilled(RawConnection busy, RawConnection other, String kill, String... command) throws InterruptedException {
        busy.write(RawConnection.encode(argv(command)));
        Thread.sleep(400);
        assertFalse(busy.hasReplyWithin(10), "the script ended by itself");
        assertTrue(call(other, "GET", "x").startsWith("-BUSY Redis is busy running a script."));
        assertEquals("+OK\r\n", text(other.call(kill)));
        return text(busy.readReply());
    }

    /** The error text before Redis's {@code script: ...} suffix. */
    private static String withoutPosition(String reply) {
        int at = reply.indexOf(" script: ");
        return at < 0 ? reply : reply.substring(0, at);
    }

    @Test
    void scriptKillEndsJsAsItEndsLuaAndCatchCannotSwallowIt() throws InterruptedException {
        try (RawConnection busy = cinnabar.connect(); RawConnection other = cinnabar.connect()) {
            String lua = runUntilKilled(busy, other, "SCRIPT KILL", "EVAL", "while true do pcall(function() while true do end end) end", "0");
            String js = runUntilKilled(busy, other, "SCRIPT KILL", "EVAL", "#!js\nwhile (true) { try { while (true) {} } catch (e) {} }", "0");
            assertTrue(js.startsWith("-ERR Script killed by user with SCRIPT KILL..."), js);
            assertEquals(withoutPosition(lua), withoutPosition(js));
            assertTrue(js.endsWith(", on @user_script:2.\r\n"), js);
            js = runUntilKilled(busy, other, "SCRIPT KILL", "EVAL", "#!js\nwhile (true) { try { while (true) {} } finally { while (true) {} } }", "0");
            assertEquals(withoutPosition(lua), withoutPosition(js));
            assertAlive(busy);
            assertAlive(other);
        }
    }

    @Test
    void functionKillEndsJsFunctionsAsItEndsLuaOnes() throws InterruptedException {
        try (RawConnection busy = cinnabar.connect(); RawConnection other = cinnabar.connect()) {
            call(busy, "FUNCTION", "LOAD", "REPLACE", "#!lua name=luaspin\nredis.register_function('luaspin', function() while true do pcall(function() while true do end end) end end)");
            call(busy, "FUNCTION", "LOAD", "REPLACE", "#!js name=jsspin\nredis.registerFunction('jsspin', function() { while (true) { try { while (true) {} } catch (e) {} } });");
            String lua = runUntilKilled(busy, other, "FUNCTION KILL", "FCALL", "luaspin", "0");
            String js = runUntilKilled(busy, other, "FUNCTION KILL", "FCALL", "jsspin", "0");
            assertTrue(js.startsWith("-ERR Script killed by user with "), js);
            assertEquals(withoutPosition(lua), withoutPosition(js));
            assertTrue(js.contains("script: jsspin, on @user_function:2."), js);
            // SCRIPT KILL does not kill a function: Redis's text
            busy.write(RawConnection.encode(argv("FCALL", "jsspin", "0")));
            Thread.sleep(400);
            assertTrue(call(other, "SCRIPT", "KILL").startsWith("-BUSY "), "SCRIPT KILL on a function");
            assertEquals("+OK\r\n", call(other, "FUNCTION", "KILL"));
            busy.readReply();
            assertAlive(busy);
        }
    }

    @Test
    void aScriptThatWroteIsUnkillable() throws InterruptedException {
        try (RawConnection busy = cinnabar.connect(); RawConnection other = cinnabar.connect()) {
            busy.write(RawConnection.encode(argv("EVAL",
                    "#!js\nredis.call('SET', 'w', '1'); var t = Date.now(); while (Date.now() - t < 1000) {} return 'done';", "0")));
            Thread.sleep(400);
            assertTrue(call(other, "SCRIPT", "KILL").startsWith("-UNKILLABLE "));
            assertEquals("$4\r\ndone\r\n", text(busy.readReply()));
        }
    }

    @Test
    void javaIsNotReachable() {
        try (RawConnection c = cinnabar.connect()) {
            String exit = call(c, "EVAL", "#!js\njava.lang.System.exit(0);", "0");
            assertTrue(exit.startsWith("-ERR ReferenceError: \"java\" is not defined."), exit);
            assertAlive(c);
            assertTrue(call(c, "EVAL", "#!js\nreturn Packages.java.lang.Runtime.getRuntime().exec('true');", "0").startsWith("-ERR ReferenceError"));
            assertTrue(call(c, "EVAL", "#!js\nreturn getClass(redis).getName();", "0").startsWith("-ERR ReferenceError"));
            assertTrue(call(c, "EVAL", "#!js\nreturn redis.call.getClass().getName();", "0").startsWith("-ERR TypeError"));
            assertTrue(call(c, "EVAL", "#!js\nimportPackage(java.io); return 1;", "0").startsWith("-ERR ReferenceError"));
            assertTrue(call(c, "EVAL", "#!js\nload('/etc/passwd');", "0").startsWith("-ERR ReferenceError"));
            assertTrue(call(c, "EVAL", "#!js\nprint('hi');", "0").startsWith("-ERR ReferenceError"));
            assertTrue(call(c, "EVAL", "#!js\nreturn (function(){}).constructor('return this.java')().lang;", "0").startsWith("-ERR TypeError"));
            assertTrue(call(c, "EVAL", "#!js\nglobalLeak = 1;", "0").startsWith("-ERR "));
            assertTrue(call(c, "EVAL", "#!js\nArray.prototype.push = null;", "0").startsWith("-ERR "));
            assertEquals(":2\r\n", call(c, "EVAL", "#!js\nvar a = []; a.push(1, 2); return a.length;", "0"));
            assertAlive(c);
        }
    }

    /** The script ends with "not enough memory" (or {@code alternative}) and the server still serves. */
    private static void assertMemoryError(Jedis j, String body, String alternative) {
        JedisDataException e = assertThrows(JedisDataException.class, () -> j.eval("#!js\n" + body));
        assertTrue(e.getMessage().startsWith("ERR not enough memory")
                || alternative != null && ("-" + e.getMessage()).startsWith(alternative), e.getMessage());
        assertEquals("PONG", j.ping());
    }

    @Test
    void recursionAndHugeStringsEndWithErrorsAndTheServerServes() {
        try (RawConnection c = cinnabar.connect()) {
            String r = call(c, "EVAL", "#!js\nfunction f(n) { return f(n + 1) + 1; } return f(0);", "0");
            assertTrue(r.startsWith("-ERR Exceeded maximum stack depth"), r);
            r = call(c, "EVAL", "#!js\nfunction f(n) { return [n].map(f); } return f(0);", "0");
            assertTrue(r.startsWith("-ERR "), r);
            assertAlive(c);
        }
        // filling the heap takes seconds near the bound (the JVM collects hard first), more on a busy machine:
        // a client with a generous timeout
        try (Jedis j = new Jedis("127.0.0.1", cinnabar.port(), 120_000)) {
            assertMemoryError(j, "var s = 'x'; while (true) { s = s + s; s.indexOf('y'); }", "-ERR string too long");
            assertMemoryError(j, "return 'x'.repeat(1 << 30).length;", null);
            assertMemoryError(j, "var t = []; while (true) { t.push({}); }", null);
            // memory errors are not catchable to keep filling
            assertMemoryError(j, "var t = []; while (true) { try { while (true) { t.push([1, 2, 3]); } } catch (e) { t.length = 0; } }", null);
        }
        try (RawConnection c = cinnabar.connect()) {
            assertEquals(":100000\r\n", call(c, "EVAL", "#!js\nvar t = []; for (var i = 0; i < 100000; i++) t.push({}); return t.length;", "0"));
            assertAlive(c);
        }
    }

    /** The JavaScript bounds are set with system properties too (README "Script resource bounds"). */
    @Test
    void boundsAreConfigurable() {
        try (ServerProcess tight = ServerProcess.cinnabarWithJavaOptions("-Dcinnabar.js.max-call-depth=50");
             RawConnection c = tight.connect()) {
            String deep = call(c, "EVAL", "#!js\nfunction f(n) { return n == 0 ? 0 : 1 + f(n - 1); } return f(100);", "0");
            assertTrue(deep.startsWith("-ERR Exceeded maximum stack depth"), deep);
            assertEquals(":40\r\n", call(c, "EVAL", "#!js\nfunction f(n) { return n == 0 ? 0 : 1 + f(n - 1); } return f(40);", "0"));
        }
    }
}
