package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tighter request limits for clients that have not authenticated ({@code --requirepass}). */
class UnauthenticatedDifferentialTest {

    private static ServerPair servers;

    @BeforeAll
    static void start() {
        servers = ServerPair.start("--requirepass", "secret");
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
    void moreThanTenArgumentsIsRefused() {
        servers.sameRawThenClose(bytes("*11\r\n"), 1, true);
    }

    @Test
    void bulkOver16kIsRefused() {
        servers.sameRawThenClose(bytes("*2\r\n$4\r\nECHO\r\n$16385\r\n"), 1, true);
    }

    @Test
    void atTheLimitsTheCommandIsRefusedForAuthOnly() {
        servers.sameRawThenClose(RawConnection.encode(bytes("ECHO"), new byte[16384]), 1, false);
        servers.sameRawThenClose(bytes("*10\r\n$4\r\nECHO\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n"
                + "$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n"), 1, false);
        servers.sameRawThenClose(bytes("PING\r\n"), 1, false);
    }
}
