package dev.cinnabar.api.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc64Test {

    @Test
    void matchesRedisCheckValue() {
        // crc64.c's test: crc64(0, "123456789", 9) == 0xe9c6d914c4b8d9ca
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyInputIsZeroAndUpdatesCompose() {
        assertEquals(0L, Crc64.of(new byte[0]));
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        long part = Crc64.update(0, b, 0, 4);
        assertEquals(Crc64.of(b), Crc64.update(part, b, 4, 5));
    }

    @Test
    void checksumOfAnEmptyFunctionDumpIsRedis() {
        // FUNCTION DUMP of no libraries on Redis 7.0.15: 0a 00 5d 9b 5c 40 0f 7f a2 da
        assertEquals(0xdaa27f0f405c9b5dL, Crc64.of(new byte[] {0x0a, 0x00}));
    }
}
