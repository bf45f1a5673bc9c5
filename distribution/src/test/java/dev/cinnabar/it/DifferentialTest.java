package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the differential tests: one real {@code redis-server} and one Cinnabar (from the
 * distribution) per test class; each test gets a fresh connection to each, after
 * {@code FLUSHALL} on both, and sends the same requests to both, comparing the raw reply bytes.
 * Where redis-server is not installed the tests are skipped with a visible message.
 *
 * <pre>{@code
 * same("SET k v");
 * same("GET k");
 * same("SET k v EX 0");   // errors are compared too
 * }</pre>
 */
public abstract class DifferentialTest {

    private static ServerProcess redis;
    private static ServerProcess cinnabar;

    protected RawConnection r;
    protected RawConnection c;

    @BeforeAll
    static void startServers() {
        if (!ServerProcess.redisAvailable()) {
            System.err.println("SKIPPED differential tests: redis-server is not installed (apt-get install redis-server)");
            Assumptions.assumeTrue(false, "redis-server is not installed");
        }
        redis = ServerProcess.redis();
        cinnabar = ServerProcess.cinnabar();
    }

    @AfterAll
    static void stopServers() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (cinnabar != null) {
            cinnabar.close();
            cinnabar = null;
        }
    }

    @BeforeEach
    void connect() {
        r = redis.connect();
        c = cinnabar.connect();
        r.call("FLUSHALL");
        c.call("FLUSHALL");
    }

    @AfterEach
    void disconnect() {
        r.close();
        c.close();
        if (!cinnabar.alive()) {
            fail("Cinnabar died:\n" + cinnabar.log());
        }
    }

    protected static ServerProcess redisServer() {
        return redis;
    }

    protected static ServerProcess cinnabarServer() {
        return cinnabar;
    }

    /** Sends the command line to both servers and asserts identical reply bytes; returns the reply. */
    protected byte[] same(String line) {
        return same(RawConnection.split(line));
    }

    /** Sends the arguments to both servers and asserts identical reply bytes; returns the reply. */
    protected byte[] same(byte[]... args) {
        byte[] expected = r.call(args);
        byte[] actual = c.call(args);
        if (!Arrays.equals(expected, actual)) {
            assertEquals(Replies.show(expected), Replies.show(actual), "reply to " + describe(args));
        }
        return actual;
    }

    /**
     * Like {@link #same(String)} after passing both replies through {@code normalize}, for replies
     * that legitimately differ (ids, timings, addresses).
     */
    protected String sameAfter(String line, UnaryOperator<String> normalize) {
        byte[][] args = RawConnection.split(line);
        String expected = normalize.apply(Replies.show(r.call(args)));
        String actual = normalize.apply(Replies.show(c.call(args)));
        assertEquals(expected, actual, "normalized reply to " + line);
        return actual;
    }

    /** Sends {@code HELLO 3} to both and compares the replies except the client id. */
    protected void helloResp3() {
        sameAfter("HELLO 3", s -> s.replaceAll("id\\\\r\\\\n:\\d+", "id\\\\r\\\\n:ID"));
    }

    /** Like {@link #same(String)} for array replies whose order is unspecified (KEYS, COMMAND LIST). */
    protected void sameUnordered(String line) {
        sameUnordered(RawConnection.split(line));
    }

    protected void sameUnordered(byte[]... args) {
        java.util.List<String> expected = sortedElements(r.call(args));
        java.util.List<String> actual = sortedElements(c.call(args));
        assertEquals(expected, actual, "sorted reply to " + describe(args));
    }

    private static java.util.List<String> sortedElements(byte[] reply) {
        if (reply[0] != '*') {
            return java.util.List.of(Replies.show(reply));
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (byte[] b : RespArrays.bulks(reply)) {
            out.add(Replies.show(b));
        }
        out.sort(null);
        return out;
    }

    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Compares two replies read separately (from extra connections, or after a blocked command was served). */
    protected static void assertSameReply(byte[] expected, byte[] actual, String what) {
        assertEquals(Replies.show(expected), Replies.show(actual), "reply to " + what);
    }

    /** Sends the command line on both connections without reading a reply: for a command that blocks, read later. */
    protected static void sendOn(RawConnection redisSide, RawConnection cinnabarSide, String line) {
        byte[] request = RawConnection.encode(RawConnection.split(line));
        redisSide.write(request);
        cinnabarSide.write(request);
    }

    /**
     * Waits until each server counts {@code n} blocked clients, so that a blocking command sent
     * with {@link #sendOn} is parked before the test goes on (a fixed pause is not enough on a
     * loaded machine, and the order of several waiters depends on it).
     */
    protected static void awaitBlocked(int n) {
        try (RawConnection redisInfo = redisServer().connect(); RawConnection cinnabarInfo = cinnabarServer().connect()) {
            awaitBlocked(redisInfo, n);
            awaitBlocked(cinnabarInfo, n);
        }
    }

    /** Polls {@code INFO clients} on {@code info} until it counts {@code n} blocked clients. */
    protected static void awaitBlocked(RawConnection info, int n) {
        String wanted = "blocked_clients:" + n + "\r\n";
        long deadline = System.currentTimeMillis() + 10_000;
        while (!new String(info.call("INFO clients"), StandardCharsets.ISO_8859_1).contains(wanted)) {
            if (System.currentTimeMillis() > deadline) {
                fail("never " + n + " blocked clients");
            }
            pause(2);
        }
    }

    /** Like {@link #same(String)} on another pair of connections (a second client of each server). */
    protected static byte[] sameOn(RawConnection redisSide, RawConnection cinnabarSide, String line) {
        byte[] actual = cinnabarSide.call(line);
        assertSameReply(redisSide.call(line), actual, line);
        return actual;
    }

    /** Sends to both without comparing (set-up whose replies are compared elsewhere). */
    protected void both(String line) {
        r.call(line);
        c.call(line);
    }

    /** Sends raw bytes to both and compares what comes back, including whether each closes. */
    protected void sameRaw(byte[] request, int replies) {
        r.write(request);
        c.write(request);
        for (int i = 0; i < replies; i++) {
            byte[] expected = r.readReply();
            byte[] actual = c.readReply();
            assertEquals(Replies.show(expected), Replies.show(actual), "reply " + i + " to " + Replies.show(request));
        }
    }

    private static String describe(byte[][] args) {
        StringBuilder sb = new StringBuilder();
        for (byte[] a : args) {
            sb.append(Replies.show(a).replace(" ", "\\x20")).append(' ');
        }
        return sb.toString().trim();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
