package dev.cinnabar.commands.sets;

import java.util.Arrays;

/**
 * The {@code intset} encoding of a set: distinct 64-bit integers kept sorted, as Redis's
 * {@code intset.c}, so members come out in ascending numeric order exactly as Redis lists them.
 */
final class IntSet {

    private long[] values;
    private int size;
    /** Bytes per element in Redis's intset: the widest value ever added (it never shrinks). */
    private int width = 2;

    IntSet(int capacity) {
        values = new long[Math.max(4, capacity)];
    }

    int size() {
        return size;
    }

    long at(int i) {
        return values[i];
    }

    boolean contains(long v) {
        return Arrays.binarySearch(values, 0, size, v) >= 0;
    }

    /** Adds {@code v}; whether it was new. */
    boolean add(long v) {
        int pos;
        // members often arrive in ascending order (ranges, *STORE results): append without searching
        if (size == 0 || v > values[size - 1]) {
            pos = size;
        } else {
            pos = Arrays.binarySearch(values, 0, size, v);
            if (pos >= 0) {
                return false;
            }
            pos = -pos - 1;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size + (size >> 1) + 1);
        }
        System.arraycopy(values, pos, values, pos + 1, size - pos);
        values[pos] = v;
        width = Math.max(width, widthOf(v));
        size++;
        return true;
    }

    boolean remove(long v) {
        int pos = Arrays.binarySearch(values, 0, size, v);
        if (pos < 0) {
            return false;
        }
        removeAt(pos);
        return true;
    }

    void removeAt(int pos) {
        System.arraycopy(values, pos + 1, values, pos, size - pos - 1);
        size--;
    }

    /** Bytes Redis's intset would use: a 8-byte header and the smallest width that fits every value. */
    long memoryUsage() {
        int width = 2;
        if (size > 0) {
            long min = values[0], max = values[size - 1];
            if (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
                width = 8;
            } else if (min < Short.MIN_VALUE || max > Short.MAX_VALUE) {
                width = 4;
            }
        }
        return 8L + (long) width * size;
    }

    /** {@code _intsetValueEncoding}. */
    static int widthOf(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return 8;
        }
        return v < Short.MIN_VALUE || v > Short.MAX_VALUE ? 4 : 2;
    }

    /** The element width Redis's intset would have (2, 4 or 8). */
    int width() {
        return width;
    }

    /** Sets the width read from an RDB blob (at least what the values need). */
    void width(int w) {
        width = Math.max(width, w);
    }

    IntSet copy() {
        IntSet s = new IntSet(size);
        s.width = width;
        System.arraycopy(values, 0, s.values, 0, size);
        s.size = size;
        return s;
    }
}
