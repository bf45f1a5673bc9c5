package dev.cinnabar.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripts that run past {@code busy-reply-threshold}, against the real Redis: other clients get
 * BUSY, allowed commands run, SCRIPT KILL and FUNCTION KILL end the run with Redis's errors, and a
 * script that wrote is UNKILLABLE (scripting.md §6).
 */
class BusyScriptsDifferentialTest extends DifferentialTest {

    private RawConnection r2;
    private RawConnection c2;

    @BeforeEach
    void secondClients() {
        both("CONFIG SET busy-reply-threshold 100");
        r2 = redisServer().connect();
        c2 = cinnabarServer().connect();
    }

    @AfterEach
    void closeSecondClients() {
        r2.close();
        c2.close();
    }

    /** Starts {@code body} on the first connections and waits until both servers turned busy. */
    private void startBusy(String command, String... args) {
        byte[][] argv = new byte[args.length + 1][];
        argv[0] = bytes(command);
        for (int i = 0; i < args.length; i++) {
            argv[i + 1] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] request = RawConnection.encode(argv);
        r.write(request);
        c.write(request);
        pause(400);
    }

    /** The reply the script's own client finally gets, the same on both. */
    private void scriptReplySame() {
        assertSameReply(r.readReply(), c.readReply(), "reply to the busy script");
    }

    @Test
    void othersGetBusyUntilScriptKill() {
        startBusy("EVAL", "local i = 0 while true do i = i + 1 end", "0");
        sameOn(r2, c2, "PING");
        sameOn(r2, c2, "FUNCTION STATS");
        sameOn(r2, c2, "GET x");
        sameOn(r2, c2, "SET x 1");
        sameOn(r2, c2, "SHUTDOWN");
        sameOn(r2, c2, "FUNCTION KILL");
        sameOn(r2, c2, "SCRIPT KILL");
        scriptReplySame();
        sameOn(r2, c2, "PING");
        sameOn(r2, c2, "SCRIPT KILL");
        same("GET x");
    }

    @Test
    void newConnectionsAndAllowedCommandsDuringBusy() {
        startBusy("EVAL", "while true do end", "0");
        try (RawConnection r3 = redisServer().connect(); RawConnection c3 = cinnabarServer().connect()) {
            sameOn(r3, c3, "PING");
            sameOn(r3, c3, "MULTI");
            sameOn(r3, c3, "INCR counter");
            sameOn(r3, c3, "EXEC");
            sameOn(r3, c3, "WATCH k");
            sameOn(r3, c3, "UNWATCH");
        }
        sameOn(r2, c2, "SCRIPT KILL");
        scriptReplySame();
    }

    @Test
    void pcallCannotSwallowTheKill() {
        startBusy("EVAL", "while true do pcall(function() while true do end end) end", "0");
        sameOn(r2, c2, "SCRIPT KILL");
        scriptReplySame();
        startBusy("EVAL", "while true do local ok = xpcall(function() while true do end end, function(e) return e end) end", "0");
        sameOn(r2, c2, "SCRIPT KILL");
        scriptReplySame();
        sameOn(r2, c2, "PING");
    }

    @Test
    void scriptThatWroteIsUnkillable() {
        // 1.5 s counted in microseconds: comparing whole seconds could end the run at once on a second boundary
        startBusy("EVAL", "redis.call('set', 'w', '1') local function us(x) return x[1] * 1000000 + x[2] end "
                + "local t = us(redis.call('time')) while us(redis.call('time')) - t < 1500000 do end return 'done'", "0");
        sameOn(r2, c2, "SCRIPT KILL");
        scriptReplySame();
        same("GET w");
    }

    @Test
    void functionsAreKilledWithFunctionKill() {
        same("FUNCTION LOAD REPLACE \"#!lua name=busylib\nredis.register_function('spin', function() while true do end end)\"");
        startBusy("FCALL", "spin", "0");
        sameOn(r2, c2, "PING");
        // the running function as FUNCTION STATS shows it, its duration aside
        String expected = Replies.show(r2.call("FUNCTION STATS")).replaceAll("duration_ms\\\\r\\\\n:\\d+", "duration_ms:N");
        String actual = Replies.show(c2.call("FUNCTION STATS")).replaceAll("duration_ms\\\\r\\\\n:\\d+", "duration_ms:N");
        assertEquals(expected, actual);
        // a transaction poisoned by a BUSY reply: EXECABORT names the FUNCTION KILL text
        sameOn(r2, c2, "MULTI");
        sameOn(r2, c2, "INCR c");
        sameOn(r2, c2, "EXEC");
        sameOn(r2, c2, "SCRIPT KILL");
        sameOn(r2, c2, "FUNCTION KILL");
        scriptReplySame();
        sameOn(r2, c2, "FUNCTION DELETE busylib");
    }

    /**
     * The coroutine threads still there once those ending have had time to go: a joined Java
     * thread's native task can linger in /proc for a moment on a loaded machine. A leaked one stays.
     */
    private static java.util.List<String> coroutineThreadsAfterTheirExit() {
        long deadline = System.currentTimeMillis() + 5000;
        java.util.List<String> left = coroutineThreads();
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = coroutineThreads();
        }
        return left;
    }

    /** Names of the live coroutine threads of the Cinnabar process (LuaJ runs each coroutine on one). */
    private static java.util.List<String> coroutineThreads() {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(cinnabarServer().process().pid()), "task");
        java.util.List<String> names = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) s::iterator) {
                try {
                    String name = java.nio.file.Files.readString(t.resolve("comm")).trim();
                    if (name.startsWith("Coroutine-")) {
                        names.add(name);
                    }
                } catch (java.io.IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names;
    }

    @Test
    void loopsInsideCoroutinesAreServedAndKilled() {
        String[] bodies = {
                "coroutine.wrap(function() while true do end end)()",
                "local co = coroutine.create(function() coroutine.wrap(function() local i = 0 while true do i = i + 1 end end)() end) "
                        + "return coroutine.resume(co)",
                "local ok = pcall(coroutine.wrap(function() while true do pcall(function() while true do end end) end end)) return 'swallowed'",
                "for i = 1, 50 do local co = coroutine.create(function() coroutine.yield(i) end) coroutine.resume(co) end "
                        + "local co = coroutine.create(function() while true do end end) return coroutine.resume(co)"};
        // Redis raises the kill inside the coroutine only, where resume or pcall can catch it (see
        // known-script-differences.md); Cinnabar's kill ends the whole script
        String[] redisReplies = {"killed", "$-1\r\n", "$9\r\nswallowed\r\n", "$-1\r\n"};
        for (int i = 0; i < bodies.length; i++) {
            startBusy("EVAL", bodies[i], "0");
            sameOn(r2, c2, "PING");
            sameOn(r2, c2, "GET x");
            try (RawConnection r3 = redisServer().connect(); RawConnection c3 = cinnabarServer().connect()) {
                sameOn(r3, c3, "SET y 1");
            }
            sameOn(r2, c2, "SCRIPT KILL");
            String redisReply = new String(r.readReply(), StandardCharsets.ISO_8859_1);
            String cinnabarReply = new String(c.readReply(), StandardCharsets.ISO_8859_1);
            if (redisReplies[i].equals("killed")) {
                assertEquals(redisReply, cinnabarReply, bodies[i]);
            } else {
                assertEquals(redisReplies[i], redisReply, bodies[i]);
            }
            assertTrue(cinnabarReply.startsWith("-ERR Script killed by user with SCRIPT KILL... script: "), cinnabarReply);
            sameOn(r2, c2, "PING");
        }
        // the killed runs' coroutine threads are joined when each run ends
        assertEquals(java.util.List.of(), coroutineThreadsAfterTheirExit());
    }

    @Test
    void functionsLoopingInCoroutinesAreKilledWithFunctionKill() {
        same("FUNCTION LOAD REPLACE \"#!lua name=colib\nredis.register_function('cospin', function() "
                + "return coroutine.wrap(function() while true do end end)() end)\"");
        startBusy("FCALL", "cospin", "0");
        sameOn(r2, c2, "SET x 1");
        sameOn(r2, c2, "SCRIPT KILL");
        sameOn(r2, c2, "FUNCTION KILL");
        scriptReplySame();
        sameOn(r2, c2, "FUNCTION DELETE colib");
        assertEquals(java.util.List.of(), coroutineThreadsAfterTheirExit());
    }

    @Test
    void scriptInsideMultiTurnsBusyAndIsKilled() {
        same("MULTI");
        same("SET before 1");
        same("EVAL \"while true do end\" 0");
        same("GET before");
        startBusy("EXEC");
        sameOn(r2, c2, "GET before");
        sameOn(r2, c2, "SCRIPT KILL");
        // EXEC's array: OK, the killed script's error, then the GET
        scriptReplySame();
        same("GET before");
    }

    @Test
    void pingAuthAndHelloDuringBusy() {
        startBusy("EVAL", "while true do end", "0");
        try (RawConnection r3 = redisServer().connect(); RawConnection c3 = cinnabarServer().connect()) {
            sameOn(r3, c3, "PING");
            sameOn(r3, c3, "PING hello");
            sameOn(r3, c3, "AUTH nopass");
            sameOn(r3, c3, "AUTH default nopass");
            String ids = "\\$2\\\\r\\\\nid\\\\r\\\\n:\\d+";
            assertEquals(Replies.show(r3.call("HELLO 3")).replaceAll(ids, "ID"), Replies.show(c3.call("HELLO 3")).replaceAll(ids, "ID"));
            sameOn(r3, c3, "PING");
            sameOn(r3, c3, "CLIENT SETNAME busy");
            sameOn(r3, c3, "INFO server");
            sameOn(r3, c3, "CONFIG GET busy-reply-threshold");
        }
        sameOn(r2, c2, "SCRIPT KILL");
        scriptReplySame();
    }

    /**
     * Library code that never returns, in a FUNCTION RESTORE payload: Redis's RESTORE has no load
     * time limit and hangs for good on it, so only Cinnabar is sent it. The load turns busy as an
     * FCALL does and FUNCTION KILL ends it, leaving the registry unchanged.
     */
    @Test
    void restoreOfLibraryCodeThatNeverEndsIsBusyAndKillable() {
        dev.cinnabar.api.rdb.RdbWriter w = new dev.cinnabar.api.rdb.RdbWriter();
        w.type(dev.cinnabar.api.rdb.RdbWriter.OPCODE_FUNCTION2);
        w.string(bytes("#!lua name=forever\nlocal i = 0 while true do i = i + 1 end"), false);
        c.write(RawConnection.encode(new byte[][] {bytes("FUNCTION"), bytes("RESTORE"), w.finishDump()}));
        pause(400);
        assertEquals("-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n",
                text(c2.call("GET x")));
        assertTrue(Replies.show(c2.call("FUNCTION STATS")).contains("forever"));
        assertEquals("-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n",
                text(c2.call("SCRIPT KILL")));
        assertEquals("+OK\r\n", text(c2.call("FUNCTION KILL")));
        // worded as Redis words its load timeout: "ERR Error registering functions: ERR FUNCTION LOAD timeout"
        assertEquals("-ERR Error registering functions: ERR Script killed by user with SCRIPT KILL...\r\n", text(c.readReply()));
        assertEquals("*0\r\n", text(c2.call("FUNCTION LIST LIBRARYNAME forever")));
        assertEquals("+PONG\r\n", text(c.call("PING")));
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    /**
     * A request that reaches the server in the same batch of ready sockets as the script, behind it
     * (arranged with DEBUG SLEEP holding the loop while both arrive), is answered BUSY as in Redis,
     * not left waiting for the script's end.
     */
    @Test
    void requestsArrivingWithTheScriptAreServedToo() {
        try (RawConnection r0 = redisServer().connect(); RawConnection c0 = cinnabarServer().connect()) {
            sendOn(r0, c0, "DEBUG SLEEP 0.3");
            pause(50);
            byte[] eval = RawConnection.encode(new byte[][] {bytes("EVAL"), bytes("while true do end"), bytes("0")});
            r.write(eval);
            c.write(eval);
            pause(20);
            r2.write("GET x\r\n");
            c2.write("GET x\r\n");
            assertSameReply(r0.readReply(), c0.readReply(), "DEBUG SLEEP");
            // both servers answer the GET while the script still runs
            assertTrue(r2.hasReplyWithin(3000), "Redis answered");
            assertTrue(c2.hasReplyWithin(3000), "Cinnabar answered while the script runs");
            assertSameReply(r2.readReply(), c2.readReply(), "GET during the script");
        }
        sameOn(r2, c2, "SCRIPT KILL");
        scriptReplySame();
    }
}
