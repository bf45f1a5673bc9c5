package dev.cinnabar.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        startBusy("EVAL", "redis.call('set', 'w', '1') local t = redis.call('time') while redis.call('time')[1] - t[1] < 1 do end return 'done'", "0");
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
        sameOn(r2, c2, "SCRIPT KILL");
        sameOn(r2, c2, "FUNCTION KILL");
        scriptReplySame();
        sameOn(r2, c2, "FUNCTION DELETE busylib");
    }
}
