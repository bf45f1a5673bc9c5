package dev.cinnabar.kernel.commands;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The byte-level formats MONITOR and SLOWLOG share with Redis: sdscatrepr escaping and entry trimming. */
class MonitorAndSlowLogFormatTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void monitorEscapesLikeSdscatrepr() {
        StringBuilder sb = new StringBuilder();
        MonitorFeed.appendRepr(sb, b("q\"\\\n\r\t\u0007\b\u0000\u00ff\u007f ~ok"));
        assertEquals("\"q\\\"\\\\\\n\\r\\t\\a\\b\\x00\\xff\\x7f ~ok\"", sb.toString());
    }

    @Test
    void slowLogKeepsThirtyTwoArgumentsAndCountsTheRest() {
        byte[][] argv = new byte[40][];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = b("a" + i);
        }
        byte[][] kept = SlowLog.trim(argv);
        assertEquals(32, kept.length);
        assertArrayEquals(b("a30"), kept[30]);
        assertArrayEquals(b("... (9 more arguments)"), kept[31]);
    }

    @Test
    void slowLogCutsLongArgumentsAt128Bytes() {
        byte[][] kept = SlowLog.trim(new byte[][] {b("set"), b("x".repeat(200)), b("y".repeat(128))});
        assertArrayEquals(b("x".repeat(128) + "... (72 more bytes)"), kept[1]);
        assertArrayEquals(b("y".repeat(128)), kept[2]);
    }
}
