package dev.cinnabar.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients of a server still loading its dataset at start-up (persistence.md §8.1): both servers
 * listen before they load, answer {@code -LOADING Redis is loading the dataset in memory} to
 * commands without the loading flag, run the ones with it (INFO shows the load in progress), and
 * serve the data once loaded. The load is slowed with Redis's hidden {@code key-load-delay}, and
 * the network served every KiB of input ({@code loading-process-events-interval-bytes}).
 */
class LoadingDifferentialTest {

    private static final String LOADING = "-LOADING Redis is loading the dataset in memory\r\n";

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    @Test
    void commandsGetLoadingUntilTheDatasetIsIn() throws IOException, InterruptedException {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
        Path redisDir = Files.createTempDirectory("loading-r-");
        Path cinnabarDir = Files.createTempDirectory("loading-c-");
        try (ServerProcess r = ServerProcess.redis("--dir", redisDir.toString()); RawConnection c = r.connect()) {
            assertEquals("+OK\r\n", text(c.call("DEBUG POPULATE 20000")));
            assertEquals("+OK\r\n", text(c.call("SAVE")));
        }
        Files.copy(redisDir.resolve("dump.rdb"), cinnabarDir.resolve("dump.rdb"));
        String[] slow = {"--key-load-delay", "100", "--loading-process-events-interval-bytes", "1024"};
        try (ServerProcess r = ServerProcess.redis(concat(new String[] {"--dir", redisDir.toString()}, slow));
             ServerProcess cin = ServerProcess.cinnabar(concat(new String[] {"--dir", cinnabarDir.toString()}, slow));
             RawConnection rc = r.connect(); RawConnection cc = cin.connect()) {
            for (String cmd : List.of("GET key:1", "PING", "SET a 1", "DBSIZE", "EVAL \"return 1\" 0")) {
                String expected = text(rc.call(cmd));
                assertEquals(LOADING, expected, "Redis still loading: " + cmd);
                assertEquals(expected, text(cc.call(cmd)), cmd);
            }
            // commands with the loading flag run
            assertEquals(text(rc.call("CONFIG GET key-load-delay")), text(cc.call("CONFIG GET key-load-delay")));
            assertEquals(text(rc.call("ECHO hi")), text(cc.call("ECHO hi")));
            for (RawConnection conn : List.of(rc, cc)) {
                String info = text(conn.call("INFO persistence"));
                assertTrue(info.contains("loading:1\r\n"), info);
                assertTrue(info.contains("loading_loaded_perc:") && info.contains("loading_eta_seconds:"), info);
            }
            // a client connecting during the load is answered too
            try (RawConnection late = cin.connect()) {
                assertEquals(LOADING, text(late.call("GET key:2")));
            }
            for (RawConnection conn : List.of(rc, cc)) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (text(conn.call("PING")).equals(LOADING) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertEquals(text(rc.call("GET key:1")), text(cc.call("GET key:1")));
            assertEquals(":20000\r\n", text(cc.call("DBSIZE")));
            assertEquals(text(rc.call("DEBUG DIGEST")), text(cc.call("DEBUG DIGEST")));
            assertTrue(text(cc.call("INFO persistence")).contains("loading:0\r\n"));
        }
    }

    /** DEBUG RELOAD of 20 000 keys, slowed down, seen by its caller (with a command pipelined after it) and another client. */
    private static List<String> duringDebugReload(ServerProcess p) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        try (RawConnection caller = p.connect(); RawConnection other = p.connect()) {
            assertEquals("+OK\r\n", text(caller.call("DEBUG POPULATE 20000")));
            caller.call("CONFIG SET key-load-delay 50");
            caller.call("CONFIG SET loading-process-events-interval-bytes 1024");
            caller.write(RawConnection.encode(RawConnection.split("DEBUG RELOAD")));
            caller.write(RawConnection.encode(RawConnection.split("GET key:7")));
            Thread.sleep(300);
            for (String cmd : List.of("GET key:1", "PING", "SET a 1", "ECHO hi")) {
                seen.add(cmd + " -> " + text(other.call(cmd)));
            }
            seen.add(text(other.call("INFO persistence")).contains("loading:1\r\n") ? "loading" : "not loading");
            seen.add("DEBUG RELOAD -> " + text(caller.readReply()));
            seen.add("GET key:7 -> " + text(caller.readReply()));
            seen.add("GET key:1 -> " + text(other.call("GET key:1")));
            seen.add(text(other.call("DBSIZE")));
            seen.add(text(other.call("INFO persistence")).contains("loading:0\r\n") ? "loaded" : "still loading");
        }
        return seen;
    }

    @Test
    void debugReloadAnswersTheOthersLoadingAsRedis() throws IOException, InterruptedException {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
        List<String> expected;
        try (ServerProcess r = ServerProcess.redis("--dir", Files.createTempDirectory("reload-r-").toString())) {
            expected = duringDebugReload(r);
        }
        assertTrue(expected.contains("GET key:1 -> " + LOADING), expected.toString());
        try (ServerProcess c = ServerProcess.cinnabar("--dir", Files.createTempDirectory("reload-c-").toString())) {
            assertEquals(expected, duringDebugReload(c));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
