package dev.cinnabar.commands.sorted.sets;

import java.util.Arrays;

/** The sorted-set order: score with C's {@code <} (so -0 equals 0), then member bytes as {@code memcmp}. */
final class ZOrder {

    private ZOrder() {
    }

    /** Negative when (s1, m1) comes before (s2, m2). */
    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        if (s1 < s2) {
            return -1;
        }
        if (s1 > s2) {
            return 1;
        }
        return Arrays.compareUnsigned(m1, m2);
    }

    static int compareMembers(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
