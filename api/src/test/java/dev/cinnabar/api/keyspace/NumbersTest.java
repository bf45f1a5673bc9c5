package dev.cinnabar.api.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumbersTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void canonicalLongsFollowRedisString2ll() {
        assertTrue(Numbers.isCanonicalLong(b("0"), 0, 1));
        assertTrue(Numbers.isCanonicalLong(b("-1"), 0, 2));
        assertTrue(Numbers.isCanonicalLong(b("9223372036854775807"), 0, 19));
        assertTrue(Numbers.isCanonicalLong(b("-9223372036854775808"), 0, 20));
        for (String bad : new String[]{"", "-", "+1", " 1", "1 ", "01", "-0", "1.5", "9223372036854775808",
                "-9223372036854775809", "abc", "1e3"}) {
            byte[] x = b(bad);
            assertFalse(Numbers.isCanonicalLong(x, 0, x.length), bad);
        }
        assertEquals(Long.MIN_VALUE, Numbers.parseLong(b("-9223372036854775808")));
        assertEquals(42, Numbers.parseLong(b("42")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseLong(b("4 2")));
    }

    @Test
    void doublesParseLikeRedisAndRejectNan() {
        assertEquals(1.5, Numbers.parseDouble(b("1.5")));
        assertEquals(Double.POSITIVE_INFINITY, Numbers.parseDouble(b("+inf")));
        assertEquals(Double.NEGATIVE_INFINITY, Numbers.parseDouble(b("-INF")));
        assertEquals(1000.0, Numbers.parseDouble(b("1e3")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(b("nan")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(b(" 1")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(b("1x")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(b("")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(b("1e400")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(b("-1e400")));
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(b("1e-400")));
        assertEquals(0.0, Numbers.parseDouble(b("0e-400")));
        assertEquals(4.9e-324, Numbers.parseDouble(b("4.9e-324")));
    }

    @Test
    void doublesFormatAsPercent17g() {
        assertEquals("3", Numbers.formatDouble(3.0));
        assertEquals("1.1000000000000001", Numbers.formatDouble(1.1));
        assertEquals("0.10000000000000001", Numbers.formatDouble(0.1));
        assertEquals("inf", Numbers.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Numbers.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("1e+17", Numbers.formatDouble(1e17));
        assertEquals("1.0000000000000001e-05", Numbers.formatDouble(1e-5));
        assertEquals("-2.5", Numbers.formatDouble(-2.5));
    }
}
