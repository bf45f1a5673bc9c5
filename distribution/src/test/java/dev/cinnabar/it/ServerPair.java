package dev.cinnabar.it;

import org.junit.jupiter.api.Assumptions;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real redis-server and a Cinnabar started with the same extra options, for differential tests
 * that need a configuration {@link DifferentialTest} does not start with ({@code --requirepass},
 * {@code --proto-max-bulk-len}...). Compares raw replies and whether each server closed.
 */
final class ServerPair implements AutoCloseable {

    final ServerProcess redis;
    final ServerProcess cinnabar;

    private ServerPair(ServerProcess redis, ServerProcess cinnabar) {
        this.redis = redis;
        this.cinnabar = cinnabar;
    }

    /** Starts both, or skips the calling test class when redis-server is not installed. */
    static ServerPair start(String... options) {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
        ServerProcess r = ServerProcess.redis(options);
        try {
            return new ServerPair(r, ServerProcess.cinnabar(options));
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /**
     * Sends {@code request} on a fresh connection to each server, asserts the same {@code replies}
     * raw replies, then asserts both closed the connection (or both kept it open).
     */
    void sameRawThenClose(byte[] request, int replies, boolean closes) {
        try (RawConnection r = redis.connect(); RawConnection c = cinnabar.connect()) {
            r.write(request);
            c.write(request);
            for (int i = 0; i < replies; i++) {
                byte[] expected = r.readReply();
                byte[] actual = c.readReply();
                if (!Arrays.equals(expected, actual)) {
                    assertEquals(Replies.show(expected), Replies.show(actual), "reply " + i);
                }
            }
            // a close is awaited up to 2 s; staying open is judged after 300 ms
            int wait = closes ? 2000 : 300;
            assertEquals(closes, r.closedByServer(wait), "redis closes");
            assertEquals(closes, c.closedByServer(wait), "cinnabar closes");
        }
        assertTrue(cinnabar.alive(), "Cinnabar died:\n" + cinnabar.log());
    }

    @Override
    public void close() {
        redis.close();
        cinnabar.close();
    }
}
