package dev.cinnabar.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A busy script that wrote cannot be killed; SHUTDOWN without NOSAVE is refused, SHUTDOWN NOSAVE
 * ends the process at once, for Redis and Cinnabar alike (own servers: they do not survive it).
 */
class BusyShutdownTest {

    @Test
    void shutdownNosaveEndsAServerHeldByAnUnkillableScript() {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
        try (ServerProcess redis = ServerProcess.redis(); ServerProcess cinnabar = ServerProcess.cinnabar()) {
            String[] seen = new String[2];
            int i = 0;
            for (ServerProcess server : new ServerProcess[] {redis, cinnabar}) {
                try (RawConnection a = server.connect(); RawConnection b = server.connect()) {
                    b.call("CONFIG SET busy-reply-threshold 100");
                    a.write(RawConnection.encode(new byte[][] {"EVAL".getBytes(StandardCharsets.US_ASCII),
                            "redis.call('set', 'w', '1') while true do end".getBytes(StandardCharsets.US_ASCII),
                            "0".getBytes(StandardCharsets.US_ASCII)}));
                    DifferentialTest.pause(400);
                    String kill = new String(b.call("SCRIPT KILL"), StandardCharsets.ISO_8859_1);
                    String shutdown = new String(b.call("SHUTDOWN"), StandardCharsets.ISO_8859_1);
                    b.write(RawConnection.encode(new byte[][] {"SHUTDOWN".getBytes(StandardCharsets.US_ASCII),
                            "NOSAVE".getBytes(StandardCharsets.US_ASCII)}));
                    assertTrue(b.closedByServer(5000), "SHUTDOWN NOSAVE closes the connection");
                    assertTrue(a.closedByServer(5000), "the script's client gets no reply");
                    seen[i++] = kill + shutdown;
                }
                long deadline = System.currentTimeMillis() + 5000;
                while (server.alive() && System.currentTimeMillis() < deadline) {
                    DifferentialTest.pause(50);
                }
                assertFalse(server.alive(), "the process ended");
            }
            assertEquals(seen[0], seen[1]);
            assertTrue(seen[1].startsWith("-UNKILLABLE Sorry the script already executed write commands"), seen[1]);
        }
    }
}
