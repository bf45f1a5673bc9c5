package dev.cinnabar.api.command;

import dev.cinnabar.api.command.CommandException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cursor parses as C's strtoul does in parseScanCursorOrReply (each case checked on Redis 7.0.15). */
class ScanCursorTest {

    private static long parse(String s) {
        return ScanCursor.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void invalid(String s) {
        CommandException e = assertThrows(CommandException.class, () -> parse(s));
        assertEquals("ERR invalid cursor", e.errorText());
    }

    @Test
    void acceptsSignsEmptyAndNulTerminatedCursors() {
        assertEquals(0, parse("0"));
        assertEquals(0, parse(""));
        assertEquals(5, parse("+5"));
        assertEquals(0, parse("-0"));
        assertEquals(5, parse("5\u0000junk"));
        assertEquals(0, parse("\u0000junk"));
        assertEquals(12, parse("0012"));
    }

    @Test
    void negativeCursorsWrapAroundSixtyFourBits() {
        assertEquals(-1L, parse("-1"));
        assertEquals("18446744073709551615", ScanCursor.format(parse("-1")));
        assertEquals(1, parse("-18446744073709551615"));
        assertEquals("18446744073709551615", ScanCursor.format(parse("18446744073709551615")));
    }

    @Test
    void rejectsSpacesJunkAndOverflow() {
        invalid(" 1");
        invalid("\t1");
        invalid("1 ");
        invalid("1x");
        invalid("x");
        invalid("-");
        invalid("+");
        invalid("0x10");
        invalid("18446744073709551616");
        invalid("-18446744073709551616");
        invalid("99999999999999999999999");
    }
}
