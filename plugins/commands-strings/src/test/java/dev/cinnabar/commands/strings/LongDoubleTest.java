package dev.cinnabar.commands.strings;

import dev.cinnabar.api.keyspace.LongDouble;
import dev.cinnabar.api.keyspace.Numbers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The long-double emulation behind INCRBYFLOAT; every expected text was read from Redis 7.0.15. */
class LongDoubleTest {

    private static String sum(String a, String b) {
        return parse(a).add(parse(b)).toHumanString();
    }

    private static LongDouble parse(String s) {
        return LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void addsInExtendedPrecisionLikeRedis() {
        assertEquals("0.3", sum("0.1", "0.2"));
        assertEquals("10.6", sum("10.5", "0.1"));
        assertEquals("3000", sum("0", "3.0e3"));
        assertEquals("0.00001", sum("0", "1e-5"));
        assertEquals("0", sum("3", "-3"));
        assertEquals("-1.5", sum("0", "-1.5"));
        assertEquals("0.125", sum("0", "0x1p-3"));
    }

    @Test
    void printsSeventeenDecimalsRoundedHalfEven() {
        assertEquals("0.00000381469726562", sum("0", "0.000003814697265625"));
        assertEquals("1.23456789012345679", sum("0", "1.23456789012345678901234"));
        assertEquals("0", sum("0", "5e-18"));
        assertEquals("0.00000000000000002", sum("0", "1.5e-17"));
        assertEquals("0", sum("0", "1e-4940"));
    }

    @Test
    void printsHugeValuesInFullFixedNotation() {
        assertEquals("123456789012345678899921813504", sum("0", "123456789012345678901234567890"));
        assertTrue(sum("0", "1e300").startsWith("10000000000000000000089973240795591938705239442732907479382600823212656465961809"));
        assertEquals(301, sum("0", "1e300").length());
        assertTrue(sum("1e4932", "0").startsWith("10000000000000000000060189493879638913238377742545331147737850413525330194866087"));
    }

    @Test
    void refusesWhatStrtoldRefusesOrRedisRejects() {
        for (String bad : new String[] {"", " 1", "1 ", "abc", "nan", "1e", "-", ".", "0x", "1e5000", "-1e5000", "1e-5000", "1.5x"}) {
            assertNull(parse(bad), bad);
        }
        assertTrue(parse("inf").isInfinite());
        assertTrue(parse("-Infinity").isInfinite());
        assertEquals("0.5", parse(".5").toHumanString());
        assertEquals("5", parse("5.").toHumanString());
        assertEquals("1", parse("+1").toHumanString());
        assertNull(LongDouble.parse(new byte[] {'1', '.', '5', 0, 'x'}), "string2ld checks that every byte was read");
    }

    @Test
    void overflowIsInfinite() {
        assertTrue(parse("1.18e4932").add(parse("1.18e4932")).isInfinite());
    }

    @Test
    void formatHumanUsesSeventeenDecimalPlaces() {
        assertEquals("10.5", Numbers.formatHuman(10.5));
        assertEquals("0.30000000000000004", Numbers.formatHuman(0.1 + 0.2));
        assertEquals("0", Numbers.formatHuman(-0.0));
        assertEquals("100000000000000000000", Numbers.formatHuman(1e20));
    }
}
