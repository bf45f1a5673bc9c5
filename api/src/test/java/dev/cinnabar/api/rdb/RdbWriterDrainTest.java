package dev.cinnabar.api.rdb;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdbWriterDrainTest {

    /** The same writes to a plain writer and to a draining one: the pieces, joined, are the same bytes. */
    @Test
    void drainedPiecesJoinToWhatAPlainWriterBuilds() {
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            int capacity = 64 + rnd.nextInt(4096);
            RdbWriter plain = new RdbWriter();
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            List<Integer> pieces = new ArrayList<>();
            RdbWriter draining = new RdbWriter(capacity, full -> {
                byte[] piece = new byte[full.size()];
                full.copyTo(piece, 0);
                joined.writeBytes(piece);
                pieces.add(piece.length);
                full.clear();
            });
            int largestWrite = 0;
            for (int op = 0; op < 5_000; op++) {
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        int t = rnd.nextInt(256);
                        plain.type(t);
                        draining.type(t);
                    }
                    case 1 -> {
                        long len = rnd.nextInt(3) == 0 ? rnd.nextLong() : rnd.nextInt(1 << (1 + rnd.nextInt(30)));
                        plain.length(len);
                        draining.length(len);
                    }
                    case 2 -> {
                        byte[] s = new byte[rnd.nextInt(rnd.nextInt(50) == 0 ? 20_000 : 60)];
                        for (int i = 0; i < s.length; i++) {
                            s[i] = (byte) ('a' + rnd.nextInt(rnd.nextBoolean() ? 3 : 26));
                        }
                        boolean compress = rnd.nextBoolean();
                        plain.string(s, compress);
                        draining.string(s, compress);
                        largestWrite = Math.max(largestWrite, s.length + 9);
                    }
                    case 3 -> {
                        double d = rnd.nextGaussian();
                        plain.binaryDouble(d);
                        draining.binaryDouble(d);
                    }
                    default -> {
                        byte[] s = Long.toString(rnd.nextLong() >> rnd.nextInt(64)).getBytes();
                        plain.string(s, false);
                        draining.string(s, false);
                    }
                }
            }
            byte[] rest = new byte[draining.size()];
            draining.copyTo(rest, 0);
            joined.writeBytes(rest);
            assertArrayEquals(plain.toByteArray(), joined.toByteArray(), "seed " + seed);
            assertTrue(pieces.size() > 10, "the writer drained as it filled");
            int bound = Math.max(capacity, largestWrite);
            for (int n : pieces) {
                assertTrue(n <= bound, "a piece of " + n + " bytes with a buffer of " + capacity);
            }
        }
    }
}
