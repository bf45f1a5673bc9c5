package dev.cinnabar.api.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Listpack bytes against the ones Redis 7.0.15 wrote (persistence.md §4.2), and the validator. */
class ListpackTest {

    private static final String[] ELEMENTS = {"0", "127", "128", "-1", "-4096", "4095", "4096", "-32768", "32767",
            "-8388608", "8388607", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808",
            "012", "-0", "+1", "1.5", "", "x".repeat(64)};

    /** The 164-byte listpack of RPUSH L with the elements above, from a real Redis. */
    private static final String REDIS = "a40000001500"
            + "0001" + "7f01" + "c08002" + "dfff02" + "d00002" + "cfff02" + "f1001003" + "f1008003" + "f1ff7f03"
            + "f2000080" + "04" + "f2ffff7f04" + "f3ffffff7f05" + "f30000008005"
            + "f4ffffffffffffff7f09" + "f4000000000000008009"
            + "8330313204" + "822d3003" + "822b3103" + "83312e3504" + "8001"
            + "e040" + "78".repeat(64) + "42"
            + "ff";

    @Test
    void buildsTheBytesRedisWrites() {
        Listpack.Builder b = new Listpack.Builder();
        for (String e : ELEMENTS) {
            b.add(e.getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(REDIS, HexFormat.of().formatHex(b.build()));
        assertEquals(164, b.bytes());
    }

    @Test
    void decodesWhatRedisWrote() throws Exception {
        List<byte[]> items = Listpack.decode(HexFormat.of().parseHex(REDIS));
        List<String> text = new ArrayList<>();
        for (byte[] i : items) {
            text.add(new String(i, StandardCharsets.US_ASCII));
        }
        assertEquals(List.of(ELEMENTS), text);
    }

    @Test
    void longStringsUseLongHeadersAndBacklens() throws Exception {
        byte[] big = new byte[20000];
        Listpack.Builder b = new Listpack.Builder();
        b.add(big);
        byte[] lp = b.build();
        assertEquals((byte) 0xF0, lp[6]);
        assertArrayEquals(big, Listpack.decode(lp).get(0));
    }

    @Test
    void refusesDamagedBlobs() {
        byte[] good = HexFormat.of().parseHex(REDIS);
        for (int cut = 0; cut < good.length; cut++) {
            byte[] shorter = java.util.Arrays.copyOf(good, cut);
            assertThrows(RdbReader.Malformed.class, () -> Listpack.decode(shorter), "cut at " + cut);
        }
        byte[] badCount = good.clone();
        badCount[4] = 20;
        assertThrows(RdbReader.Malformed.class, () -> Listpack.decode(badCount));
        byte[] badBacklen = good.clone();
        badBacklen[7] = 2; // backlen of the first entry
        assertThrows(RdbReader.Malformed.class, () -> Listpack.decode(badBacklen));
        byte[] badEntry = good.clone();
        badEntry[6] = (byte) 0xF7;
        assertThrows(RdbReader.Malformed.class, () -> Listpack.decode(badEntry));
    }

    @Test
    void zsetScoresAreWrittenAsRedisFormatsThem() {
        assertEquals("0", new String(Listpack.scoreText(-0.0), StandardCharsets.US_ASCII));
        assertEquals("2.5", new String(Listpack.scoreText(2.5), StandardCharsets.US_ASCII));
        assertEquals("0.10000000000000001", new String(Listpack.scoreText(0.1), StandardCharsets.US_ASCII));
        assertEquals("1.0000000000000001e+300", new String(Listpack.scoreText(1e300), StandardCharsets.US_ASCII));
        assertEquals("inf", new String(Listpack.scoreText(Double.POSITIVE_INFINITY), StandardCharsets.US_ASCII));
        assertEquals("4611686018427387904", new String(Listpack.scoreText(4611686018427387904.0), StandardCharsets.US_ASCII));
    }
}
