package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client pipelines GETs of a 1 MB value and does not read: Cinnabar must keep serving others
 * and hold a few megabytes for it, not the 1.5 GB of replies (Redis itself would buffer them all,
 * normal clients having no output limit). Once the client reads, every reply arrives, in order.
 */
class BackPressureTest {

    private static final int VALUE_SIZE = 1 << 20;
    private static final int GETS = 1500;

    private static ServerProcess cinnabar;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar();
    }

    @AfterAll
    static void stop() {
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    /** Resident set size of the server JVM (bin/cinnabar-server execs java: same pid). */
    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + cinnabar.process().pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void clientThatNeverReadsCostsBoundedMemory() throws Exception {
        byte[] value = new byte[VALUE_SIZE];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31);
        }
        try (RawConnection admin = cinnabar.connect()) {
            assertEquals("+OK\r\n", new String(admin.call("SET".getBytes(), "big".getBytes(), value), StandardCharsets.US_ASCII));
            admin.call("GET big"); // warm up the reply path before the baseline
            long before = rssKb();

            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < GETS; i++) {
                pipeline.writeBytes("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            try (Socket slow = new Socket("127.0.0.1", cinnabar.port())) {
                slow.setReceiveBufferSize(64 * 1024);
                slow.getOutputStream().write(pipeline.toByteArray());
                slow.getOutputStream().flush();

                long peak = 0;
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(100);
                    long t0 = System.nanoTime();
                    assertEquals("+PONG\r\n", new String(admin.call("PING"), StandardCharsets.US_ASCII));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(ms < 1000, "PING took " + ms + " ms while a client was backlogged");
                    peak = Math.max(peak, rssKb());
                }
                long growthMb = (peak - before) / 1024;
                assertTrue(growthMb < 256, "server RSS grew by " + growthMb + " MB for one backlogged client");

                // now read: every reply must be there, complete and in order
                InputStream in = new java.io.BufferedInputStream(slow.getInputStream(), 1 << 16);
                byte[] header = ("$" + VALUE_SIZE + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < GETS; i++) {
                    assertArrayEquals(header, in.readNBytes(header.length), "header of reply " + i);
                    byte[] got = in.readNBytes(VALUE_SIZE);
                    if (i % 100 == 0 || i == GETS - 1) {
                        assertTrue(Arrays.equals(value, got), "payload of reply " + i);
                    }
                    assertArrayEquals("\r\n".getBytes(), in.readNBytes(2));
                }
            }
            assertEquals("+PONG\r\n", new String(admin.call("PING"), StandardCharsets.US_ASCII));
        }
        assertTrue(cinnabar.alive());
    }
}
