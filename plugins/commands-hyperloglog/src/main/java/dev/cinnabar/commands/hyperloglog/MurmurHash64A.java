package dev.cinnabar.commands.hyperloglog;

/**
 * Redis's endian-neutral MurmurHash2 64-bit variant with the seed {@code hyperloglog.c} uses, and
 * the "pattern length" an element contributes: which register it addresses and the run of zero
 * bits (plus one) above the index bits.
 */
final class MurmurHash64A {

    private MurmurHash64A() {
    }

    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;
    /** The seed {@code hllPatLen} passes. */
    static final long HLL_SEED = 0xadc83b19L;

    static long hash(byte[] data, long seed) {
        int len = data.length;
        long h = seed ^ ((long) len * M);
        int end = len - (len & 7);
        int i = 0;
        while (i < end) {
            long k = (data[i] & 0xffL) | (data[i + 1] & 0xffL) << 8 | (data[i + 2] & 0xffL) << 16
                    | (data[i + 3] & 0xffL) << 24 | (data[i + 4] & 0xffL) << 32 | (data[i + 5] & 0xffL) << 40
                    | (data[i + 6] & 0xffL) << 48 | (data[i + 7] & 0xffL) << 56;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
            i += 8;
        }
        int tail = len & 7;
        if (tail > 0) {
            for (int t = tail - 1; t >= 0; t--) {
                h ^= (data[i + t] & 0xffL) << (8 * t);
            }
            h *= M;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }

    /**
     * The register index (low 16 bits) and pattern length (above) of {@code element}, packed in one
     * int so the hot path allocates nothing; read them with {@link #index} and {@link #count}.
     */
    static int pattern(byte[] element) {
        long hash = hash(element, HLL_SEED);
        int index = (int) (hash & (Hll.REGISTERS - 1));
        // bit 63 forced on so the run ends; the count includes the final 1 bit: 1..Q
        long rest = (hash | (1L << 63)) >>> Hll.P;
        int count = Long.numberOfTrailingZeros(rest) + 1;
        return count << 16 | index;
    }

    static int index(int pattern) {
        return pattern & 0xffff;
    }

    static int count(int pattern) {
        return pattern >>> 16;
    }
}
