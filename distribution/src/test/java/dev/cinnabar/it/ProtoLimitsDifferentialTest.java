package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** {@code proto-max-bulk-len} and {@code client-query-buffer-limit} lowered to 1 MB on both servers. */
class ProtoLimitsDifferentialTest {

    private static ServerPair servers;

    @BeforeAll
    static void start() {
        servers = ServerPair.start("--proto-max-bulk-len", "1mb", "--client-query-buffer-limit", "1mb");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void bulkOverProtoMaxBulkLenIsRefused() {
        servers.sameRawThenClose(bytes("*2\r\n$4\r\nECHO\r\n$1048577\r\n"), 1, true);
    }

    @Test
    void bulkUnderTheLimitIsServed() {
        byte[] v = new byte[500_000];
        Arrays.fill(v, (byte) 'x');
        servers.sameRawThenClose(RawConnection.encode(bytes("ECHO"), v), 1, false);
    }

    @Test
    void queryBufferOverTheLimitClosesWithoutReply() {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(bytes("*2\r\n$4\r\nECHO\r\n$1048576\r\n"));
        req.writeBytes(new byte[1048576]);
        req.writeBytes(bytes("\r\n"));
        servers.sameRawThenClose(req.toByteArray(), 0, true);
    }
}
