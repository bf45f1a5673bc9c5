package dev.cinnabar.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SHUTDOWN stops the process: no reply, the connection closes, exit status 0. When the final
 * save fails (here: {@code dir} is not a directory), SHUTDOWN SAVE refuses to stop as Redis does
 * unless FORCE is given.
 */
class ShutdownDifferentialTest {

    @Test
    void shutdownClosesTheConnectionAndExits() throws Exception {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
        try (ServerProcess redis = ServerProcess.redis(); ServerProcess cinnabar = ServerProcess.cinnabar()) {
            for (ServerProcess p : new ServerProcess[] {redis, cinnabar}) {
                try (RawConnection conn = p.connect()) {
                    conn.write(RawConnection.encode(RawConnection.split("SHUTDOWN NOSAVE NOW")));
                    assertTrue(conn.closedByServer(5000), p + " closed the connection");
                }
                assertTrue(p.process().waitFor(10, TimeUnit.SECONDS), "process exited");
                assertEquals(0, p.process().exitValue());
            }
        }
    }

    @Test
    void shutdownSaveThatCannotSaveFailsUnlessForced() throws Exception {
        java.nio.file.Path notADirectory = java.nio.file.Files.createTempFile("not-a-dir-", ".txt");
        notADirectory.toFile().deleteOnExit();
        try (ServerProcess cinnabar = ServerProcess.cinnabar("--dir", notADirectory.toString());
             RawConnection conn = cinnabar.connect()) {
            assertEquals("-ERR Errors trying to SHUTDOWN. Check logs.\\r\\n", Replies.show(conn.call("SHUTDOWN SAVE")));
            assertEquals("+PONG\\r\\n", Replies.show(conn.call("PING")));
            assertFalse(cinnabar.process().waitFor(200, TimeUnit.MILLISECONDS));
            conn.write(RawConnection.encode(RawConnection.split("SHUTDOWN SAVE FORCE")));
            assertTrue(conn.closedByServer(5000));
            assertTrue(cinnabar.process().waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, cinnabar.process().exitValue());
        }
    }
}
