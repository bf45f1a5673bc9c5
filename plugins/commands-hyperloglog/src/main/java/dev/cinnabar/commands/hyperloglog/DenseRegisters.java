package dev.cinnabar.commands.hyperloglog;

/**
 * The dense representation: 16384 6-bit registers packed from the least significant bit of each
 * byte upwards, starting after the 16-byte header ({@code HLL_DENSE_GET_REGISTER}).
 */
final class DenseRegisters {

    private DenseRegisters() {
    }

    static int get(byte[] b, int register) {
        int bit = register * Hll.BITS;
        int at = Hll.HEADER_SIZE + (bit >>> 3);
        int fb = bit & 7;
        int v = (b[at] & 0xff) >>> fb;
        if (fb > 2) {
            // the register spills into the next byte; Redis reads it unconditionally (the sds
            // terminator covers the last register), we read it only when it holds bits
            v |= (b[at + 1] & 0xff) << (8 - fb);
        }
        return v & Hll.REGISTER_MAX;
    }

    static void put(byte[] b, int register, int value) {
        int bit = register * Hll.BITS;
        int at = Hll.HEADER_SIZE + (bit >>> 3);
        int fb = bit & 7;
        b[at] = (byte) ((b[at] & ~(Hll.REGISTER_MAX << fb)) | (value << fb));
        if (fb > 2) {
            int fb8 = 8 - fb;
            b[at + 1] = (byte) ((b[at + 1] & ~(Hll.REGISTER_MAX >>> fb8)) | (value >>> fb8));
        }
    }

    /** {@code hllDenseSet}: raises the register to {@code count}; 1 when it changed, else 0. */
    static int raise(byte[] b, int register, int count) {
        if (count > get(b, register)) {
            put(b, register, count);
            return 1;
        }
        return 0;
    }

    static void histogram(byte[] b, int[] histogram) {
        for (int r = 0; r < Hll.REGISTERS; r++) {
            histogram[get(b, r)]++;
        }
    }

    /** max[i] = MAX(max[i], register i). */
    static void mergeInto(byte[] b, byte[] max) {
        for (int r = 0; r < Hll.REGISTERS; r++) {
            int v = get(b, r);
            if (v > (max[r] & 0xff)) {
                max[r] = (byte) v;
            }
        }
    }
}
