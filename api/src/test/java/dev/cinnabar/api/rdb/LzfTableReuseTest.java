package dev.cinnabar.api.rdb;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compressor's hash table, reused by a thread across calls, never changes what it emits. */
class LzfTableReuseTest {

    private static byte[] compress(byte[] in) {
        byte[] out = new byte[in.length];
        int n = Lzf.compress(in, in.length, out, in.length - 1);
        return Arrays.copyOf(out, n);
    }

    /** What a thread that never compressed before emits (a table with nothing left in it). */
    private static byte[] compressOnAFreshThread(byte[] in) throws InterruptedException {
        AtomicReference<byte[]> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(compress(in)));
        t.start();
        t.join();
        return result.get();
    }

    @Test
    void aReusedTableEmitsWhatAFreshOneDoes() throws InterruptedException {
        Random rnd = new Random(11);
        int compressed = 0;
        for (int i = 0; i < 200; i++) {
            // similar inputs one after another: stale slots would find matches if they counted
            byte[] in = new byte[21 + rnd.nextInt(i % 10 == 0 ? 70_000 : 300)];
            for (int k = 0; k < in.length; k++) {
                in[k] = (byte) ('a' + rnd.nextInt(1 + i % 5));
            }
            for (int warm = 0; warm < 3; warm++) {
                compress(in);
            }
            byte[] reused = compress(in);
            assertArrayEquals(compressOnAFreshThread(in), reused, "input " + i);
            if (reused.length > 0) {
                compressed++;
            }
        }
        assertTrue(compressed > 100);
    }
}
