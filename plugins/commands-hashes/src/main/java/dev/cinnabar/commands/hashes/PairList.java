package dev.cinnabar.commands.hashes;

import java.util.Arrays;

/**
 * The {@code listpack} encoding of a small hash: field/value pairs in one flat array
 * ({@code field0, value0, field1, value1, ...}) in insertion order, searched linearly, as Redis's
 * listpack is. Keeping the order is what makes {@code HGETALL} on a small hash answer exactly as
 * Redis does; deleting a pair closes the gap, as {@code lpDeleteRange} does.
 *
 * <p>Fields and values are never changed in place, so arrays taken from the client's arguments
 * are stored as they are (no copy on the {@code HSET} path).
 */
final class PairList {

    private byte[][] slots;
    private int size;

    PairList(int expectedPairs) {
        slots = new byte[Math.max(2, expectedPairs * 2)][];
    }

    private PairList(byte[][] slots, int size) {
        this.slots = slots;
        this.size = size;
    }

    int size() {
        return size;
    }

    /** The slot index of {@code field}, or -1. */
    int indexOf(byte[] field) {
        int n = size * 2;
        int len = field.length;
        for (int i = 0; i < n; i += 2) {
            byte[] f = slots[i];
            if (f.length == len && Arrays.equals(f, field)) {
                return i;
            }
        }
        return -1;
    }

    byte[] get(byte[] field) {
        int i = indexOf(field);
        return i < 0 ? null : slots[i + 1];
    }

    /** Sets the value; whether the field is new (appended at the end). */
    boolean put(byte[] field, byte[] value) {
        int i = indexOf(field);
        if (i >= 0) {
            slots[i + 1] = value;
            return false;
        }
        append(field, value);
        return true;
    }

    /** Appends a pair known to be absent. */
    void append(byte[] field, byte[] value) {
        int n = size * 2;
        if (n + 2 > slots.length) {
            slots = Arrays.copyOf(slots, Math.max(4, slots.length * 2));
        }
        slots[n] = field;
        slots[n + 1] = value;
        size++;
    }

    boolean remove(byte[] field) {
        int i = indexOf(field);
        if (i < 0) {
            return false;
        }
        int n = size * 2;
        System.arraycopy(slots, i + 2, slots, i, n - i - 2);
        slots[n - 2] = null;
        slots[n - 1] = null;
        size--;
        return true;
    }

    /** Field of pair {@code pair} (0-based, in insertion order). */
    byte[] fieldAt(int pair) {
        return slots[pair * 2];
    }

    /** Value of pair {@code pair} (0-based, in insertion order). */
    byte[] valueAt(int pair) {
        return slots[pair * 2 + 1];
    }

    /** A structural copy; the field and value arrays are shared since nothing changes them. */
    PairList copy() {
        return new PairList(Arrays.copyOf(slots, Math.max(2, size * 2)), size);
    }
}
