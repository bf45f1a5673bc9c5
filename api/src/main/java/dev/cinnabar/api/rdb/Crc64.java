package dev.cinnabar.api.rdb;

/**
 * Redis's {@code crc64} ({@code crc64.c}): the Jones polynomial {@code 0xad93d23594c935a9},
 * reflected input and output, initial value 0, no final xor. It checks RDB files and the payloads
 * of {@code DUMP} and {@code FUNCTION DUMP}: {@code crc64(0, "123456789") == 0xe9c6d914c4b8d9ca}.
 * Redis stores it little-endian after the data it covers.
 */
public final class Crc64 {

    /** The reflected Jones polynomial. */
    private static final long POLY = 0x95AC9329AC4BC9B5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[n] = crc;
        }
    }

    private Crc64() {
    }

    /** Continues {@code crc} over {@code len} bytes of {@code data} from {@code off}; start with 0. */
    public static long update(long crc, byte[] data, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            crc = TABLE[(int) (crc ^ data[i]) & 0xff] ^ (crc >>> 8);
        }
        return crc;
    }

    /** The checksum of all of {@code data}. */
    public static long of(byte[] data) {
        return update(0, data, 0, data.length);
    }
}
