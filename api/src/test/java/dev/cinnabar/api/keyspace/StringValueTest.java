package dev.cinnabar.api.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StringValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void clientValuesGetRedisEncodings() {
        assertEquals("int", StringValue.of(b("12345")).encoding());
        assertEquals("embstr", StringValue.of(b("0123")).encoding());
        assertEquals("embstr", StringValue.of(b("x".repeat(44))).encoding());
        assertEquals("raw", StringValue.of(b("x".repeat(45))).encoding());
        assertEquals("embstr", StringValue.created(b("10")).encoding());
        assertEquals("int", StringValue.ofLong(-7).encoding());
        assertEquals("raw", StringValue.raw(b("1")).encoding());
    }

    @Test
    void appendGrowsInPlaceAndBecomesRaw() {
        StringValue v = StringValue.of(b("12"));
        v.append(b("ab"));
        assertEquals("raw", v.encoding());
        assertEquals(4, v.length());
        assertArrayEquals(b("12ab"), v.toBytes());
        StringValue copy = v.copy();
        v.append(b("!"));
        assertArrayEquals(b("12ab"), copy.toBytes());
    }
}
