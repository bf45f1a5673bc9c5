package dev.cinnabar.api.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RdbTest {

    private static final byte[] CODE = ("#!lua name=mylib\nredis.register_function('myfunc', function(keys, args) return args[1] end)")
            .getBytes(StandardCharsets.US_ASCII);

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void functionDumpOfRedisWithoutCompression() {
        // recorded on Redis 7.0.15 with rdbcompression no (spec/functions.md 4.3)
        byte[] dump = new RdbWriter().type(RdbWriter.OPCODE_FUNCTION2).string(CODE, false).finishDump();
        assertEquals(104, dump.length);
        assertArrayEquals(hex("f5405b"), java.util.Arrays.copyOf(dump, 3));
        assertArrayEquals(hex("0a00 8e999fad1198c73a"), java.util.Arrays.copyOfRange(dump, 94, 104));
    }

    @Test
    void functionDumpOfRedisWithLzf() {
        // recorded on Redis 7.0.15 with the default rdbcompression yes
        byte[] expected = hex("f5 c3 40 56 40 5b"
                + "1f 23 21 6c 75 61 20 6e 61 6d 65 3d 6d 79 6c 69 62 0a 72 65 64 69 73 2e 72 65 67 69 73 74 65 72"
                + "5f 0b 66 75 6e 63 74 69 6f 6e 28 27 6d 79 40 0b 02 27 2c 20 40 06 60 12 11 6b 65 79 73 2c 20 61"
                + "72 67 73 29 20 72 65 74 75 72 6e 60 0c 07 5b 31 5d 20 65 6e 64 29"
                + "0a 00 8d 59 36 ad c6 e7 07 da");
        byte[] dump = new RdbWriter().type(RdbWriter.OPCODE_FUNCTION2).string(CODE, true).finishDump();
        assertArrayEquals(expected, dump);
        assertEquals(RdbWriter.RDB_VERSION, RdbReader.verifyDump(dump));
    }

    @Test
    void emptyDumpIsRedis() {
        assertArrayEquals(hex("0a 00 5d 9b 5c 40 0f 7f a2 da"), new RdbWriter().finishDump());
    }

    @Test
    void verifyDumpRefusesShortNewerOrCorrupt() throws Exception {
        byte[] dump = new RdbWriter().type(RdbWriter.OPCODE_FUNCTION2).string(CODE, true).finishDump();
        assertEquals(-1, RdbReader.verifyDump(new byte[9]));
        byte[] flipped = dump.clone();
        flipped[5] ^= 1;
        assertEquals(-1, RdbReader.verifyDump(flipped));
        RdbWriter w = new RdbWriter();
        w.type(11).type(0);
        byte[] newer = w.toByteArray();
        long crc = Crc64.of(newer);
        byte[] full = java.util.Arrays.copyOf(newer, 10);
        for (int i = 0; i < 8; i++) {
            full[2 + i] = (byte) (crc >>> (8 * i));
        }
        assertEquals(-1, RdbReader.verifyDump(full));
    }

    @Test
    void stringsRoundTripInEveryEncoding() throws Exception {
        Random rnd = new Random(7);
        String[] samples = {"", "0", "-1", "127", "128", "-128", "-129", "32767", "-32768", "32768", "2147483647",
            "-2147483648", "2147483648", "00", "+1", "12345678901", "abc", "a".repeat(63), "a".repeat(64),
            "ab".repeat(5000), "x".repeat(20), "x".repeat(21), "x".repeat(100_000)};
        for (boolean compress : new boolean[] {false, true}) {
            for (String s : samples) {
                byte[] b = s.getBytes(StandardCharsets.US_ASCII);
                byte[] enc = new RdbWriter().string(b, compress).toByteArray();
                RdbReader r = new RdbReader(enc, 0, enc.length);
                assertArrayEquals(b, r.string(), s);
                assertEquals(0, r.remaining());
            }
            for (int n = 0; n < 300; n++) {
                byte[] b = new byte[rnd.nextInt(3000)];
                // mostly repetitive bytes so that LZF finds matches of every length
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (rnd.nextInt(10) < 7 && i > 10 ? b[i - 1 - rnd.nextInt(Math.min(i, 9000))] : rnd.nextInt(4));
                }
                byte[] enc = new RdbWriter().string(b, compress).toByteArray();
                assertArrayEquals(b, new RdbReader(enc, 0, enc.length).string());
            }
        }
    }

    @Test
    void integerEncodingAsRedis() {
        assertArrayEquals(hex("c0 05"), new RdbWriter().string("5".getBytes(), true).toByteArray());
        assertArrayEquals(hex("c1 00 01"), new RdbWriter().string("256".getBytes(), true).toByteArray());
        assertArrayEquals(hex("c2 00 00 01 00"), new RdbWriter().string("65536".getBytes(), true).toByteArray());
        assertArrayEquals(hex("0a 32 31 34 37 34 38 33 36 34 38"), new RdbWriter().string("2147483648".getBytes(), true).toByteArray());
        assertArrayEquals(hex("80 00 01 00 00"), java.util.Arrays.copyOf(new RdbWriter().length(65536).toByteArray(), 5));
    }

    @Test
    void malformedInputIsRefusedWithoutAllocating() {
        assertThrows(RdbReader.Malformed.class, () -> new RdbReader(hex("40"), 0, 1).string());
        assertThrows(RdbReader.Malformed.class, () -> new RdbReader(hex("05 61 62"), 0, 3).string());
        assertThrows(RdbReader.Malformed.class, () -> new RdbReader(hex("c3 05 10 61 62 63 64 65"), 0, 8).string());
        assertThrows(RdbReader.Malformed.class, () -> new RdbReader(hex("c3 01 81 7fffffffffffffff 00"), 0, 12).string());
        assertThrows(RdbReader.Malformed.class, () -> new RdbReader(hex("81 7fffffffffffffff"), 0, 9).string());
        assertThrows(RdbReader.Malformed.class, () -> new RdbReader(hex("c4"), 0, 1).string());
        assertThrows(RdbReader.Malformed.class, () -> new RdbReader(hex("c1 01"), 0, 2).string());
    }
}
