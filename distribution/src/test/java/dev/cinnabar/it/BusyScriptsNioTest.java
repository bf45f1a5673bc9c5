package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Busy scripts on the NIO transport (what runs off Linux, forced here with
 * {@code -Dcinnabar.nio=true}): the script's poll serves the other clients through the NIO loop's
 * selector as it does through epoll. The texts are the ones {@link BusyScriptsDifferentialTest}
 * compares with Redis.
 */
class BusyScriptsNioTest {

    private static final String BUSY = "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";

    private static ServerProcess cinnabar;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabarWithJavaOptions("-Dcinnabar.nio=true", "--busy-reply-threshold", "100");
    }

    @AfterAll
    static void stop() {
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    private static void startBusy(RawConnection c, String body) {
        c.write(RawConnection.encode(new byte[][] {"EVAL".getBytes(StandardCharsets.US_ASCII),
                body.getBytes(StandardCharsets.ISO_8859_1), "0".getBytes(StandardCharsets.US_ASCII)}));
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void othersAreServedAndTheScriptIsKilled() {
        assertTrue(cinnabar.log().contains("Network transport: NIO"), "not on NIO:\n" + cinnabar.log());
        for (String body : new String[] {"while true do end", "coroutine.wrap(function() while true do end end)()"}) {
            try (RawConnection c = cinnabar.connect(); RawConnection c2 = cinnabar.connect()) {
                startBusy(c, body);
                assertEquals(BUSY, text(c2.call("GET x")));
                // several commands in one write (PING has no allow-busy flag in Redis 7.0 either),
                // and a connection made during the busy run
                c2.write("PING\r\nSET x 1\r\nMULTI\r\n");
                assertEquals(BUSY, text(c2.readReply()));
                assertEquals(BUSY, text(c2.readReply()));
                assertEquals("+OK\r\n", text(c2.readReply()));
                assertEquals("+OK\r\n", text(c2.call("DISCARD")));
                try (RawConnection c3 = cinnabar.connect()) {
                    assertEquals(BUSY, text(c3.call("PING")));
                    assertEquals("+OK\r\n", text(c3.call("SCRIPT KILL")));
                }
                String killed = text(c.readReply());
                assertTrue(killed.startsWith("-ERR Script killed by user with SCRIPT KILL... script: "), killed);
                assertEquals("-NOTBUSY No scripts in execution right now.\r\n", text(c2.call("SCRIPT KILL")));
            }
        }
        // the loop's own selection goes on as before
        try (RawConnection a = cinnabar.connect(); RawConnection b = cinnabar.connect()) {
            for (int i = 0; i < 200; i++) {
                assertEquals(":" + (i + 1) + "\r\n", text(a.call("INCR n")));
                assertEquals("$" + Integer.toString(i + 1).length() + "\r\n" + (i + 1) + "\r\n", text(b.call("GET n")));
            }
        }
    }
}
