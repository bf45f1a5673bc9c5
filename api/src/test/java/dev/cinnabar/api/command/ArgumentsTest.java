package dev.cinnabar.api.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void keywordsCompareLikeStrcasecmpOnACString() {
        assertTrue(Arguments.isKeyword(b("nx"), "NX"));
        assertTrue(Arguments.isKeyword(b("Nx\0junk"), "NX"));
        assertFalse(Arguments.isKeyword(b("NXX"), "NX"));
        assertFalse(Arguments.isKeyword(b("N"), "NX"));
        assertTrue(Arguments.isKeyword(b("p-1"), "P-1"));
        assertFalse(Arguments.isKeyword(b("p\r1"), "P-1")); // only letters fold case
        assertTrue(new Arguments(new byte[][]{b("set"), b("Ex")}).is(1, "EX"));
    }

    @Test
    void cStringStopsAtTheFirstNul() {
        assertEquals("foo", Arguments.cString(b("foo\0bar")));
        assertEquals("", Arguments.cString(b("\0")));
        assertEquals("\u00ff", Arguments.cString(new byte[]{(byte) 0xff}));
    }
}
