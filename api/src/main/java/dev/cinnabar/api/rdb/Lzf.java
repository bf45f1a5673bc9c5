package dev.cinnabar.api.rdb;

/**
 * LZF as Redis bundles it ({@code lzf_c.c}, {@code lzf_d.c} with Redis's {@code lzfP.h}:
 * {@code HLOG 16}, {@code VERY_FAST}, input checking on). The compressor is a faithful port, down to
 * the unrolled match loop and the hash slots it refreshes after a match, so that it emits the
 * same bytes as Redis and {@code FUNCTION DUMP} payloads compare equal byte for byte. Its hash
 * table starts empty (Redis leaves it uninitialised, {@code INIT_HTAB 0}; stale slots can only
 * ever point before the input, which the match test rejects).
 */
public final class Lzf {

    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    /** A compressor's hash table, reused by its thread from call to call. */
    private static final class HashTable {
        final int[] slots = new int[HSIZE];
        int base;
    }

    private static final ThreadLocal<HashTable> TABLES = ThreadLocal.withInitial(HashTable::new);

    private Lzf() {
    }

    /**
     * Compresses {@code in[0..inLen)} into {@code out}, using at most {@code outLen} bytes
     * ({@code out} must have room for {@code outLen + 1}, as Redis allocates). Returns the
     * compressed length, or 0 when the result does not fit (Redis then stores the string plain).
     */
    public static int compress(byte[] in, int inLen, byte[] out, int outLen) {
        if (inLen == 0 || outLen == 0) {
            return 0;
        }
        // Slots hold base + position + 1; anything at or below base is an empty slot (a null
        // pointer in C). The table is the thread's own and is not cleared between calls (256 KiB
        // zeroed per string made a snapshot of many long values crawl): raising base empties it.
        HashTable table = TABLES.get();
        if (table.base > Integer.MAX_VALUE - inLen - 2) {
            java.util.Arrays.fill(table.slots, 0);
            table.base = 0;
        }
        final int[] htab = table.slots;
        final int base = table.base;
        table.base = base + inLen + 1;
        int ip = 0;
        int op = 0;
        final int inEnd = inLen;
        final int outEnd = outLen;
        int lit = 0;
        op++; // start run
        int hval = inLen > 1 ? first(in, ip) : 0;
        while (ip < inEnd - 2) {
            hval = next(hval, in, ip);
            int slot = idx(hval);
            int ref = htab[slot] - base - 1;
            htab[slot] = base + ip + 1;
            int off;
            if (ref > 0 // C: ref > in_data (a match at the very first byte is never used)
                    && (off = ip - ref - 1) < MAX_OFF
                    && in[ref + 2] == in[ip + 2]
                    && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]) {
                int len = 2;
                int maxlen = inEnd - ip - len;
                if (maxlen > MAX_REF) {
                    maxlen = MAX_REF;
                }
                if (op + 3 + 1 >= outEnd) { // a faster conservative test
                    if (op - (lit == 0 ? 1 : 0) + 3 + 1 >= outEnd) { // the exact one
                        return 0;
                    }
                }
                out[op - lit - 1] = (byte) (lit - 1); // stop run
                op -= lit == 0 ? 1 : 0; // undo run if length is zero
                len = matchLength(in, ref, ip, len, maxlen);
                len -= 2; // len is now #octets - 1
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // start run
                ip += len + 1;
                if (ip >= inEnd - 2) {
                    break;
                }
                // VERY_FAST: re-hash the last two positions of the match
                ip -= 2;
                hval = first(in, ip);
                hval = next(hval, in, ip);
                htab[idx(hval)] = base + ip + 1;
                ip++;
                hval = next(hval, in, ip);
                htab[idx(hval)] = base + ip + 1;
                ip++;
            } else {
                if (op >= outEnd) {
                    return 0;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1); // stop run
                    lit = 0;
                    op++; // start run
                }
            }
        }
        if (op + 3 > outEnd) { // at most 3 bytes can be missing here
            return 0;
        }
        while (ip < inEnd) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1); // end run
        op -= lit == 0 ? 1 : 0;
        return op;
    }

    /**
     * lzf_c.c's match extension: with room for more than 16 bytes it compares 16 more bytes
     * unconditionally before the bounded loop, which can end a match past {@code maxlen}.
     */
    private static int matchLength(byte[] in, int ref, int ip, int len, int maxlen) {
        if (maxlen > 16) {
            for (int k = 0; k < 16; k++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxlen && in[ref + len] == in[ip + len]);
        return len;
    }

    private static int first(byte[] in, int p) {
        return ((in[p] & 0xff) << 8) | (in[p + 1] & 0xff);
    }

    private static int next(int v, byte[] in, int p) {
        return (v << 8) | (in[p + 2] & 0xff);
    }

    private static int idx(int h) {
        return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
    }

    /**
     * Decompresses {@code in[off..off+inLen)} into {@code out[0..outLen)}; returns the number of
     * bytes produced, or 0 for input that is corrupt or does not fit (as {@code lzf_decompress}).
     */
    public static int decompress(byte[] in, int off, int inLen, byte[] out, int outLen) {
        if (inLen == 0) {
            return 0;
        }
        int ip = off;
        final int inEnd = off + inLen;
        int op = 0;
        do {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < (1 << 5)) { // literal run
                ctrl++;
                if (op + ctrl > outLen || ip + ctrl > inEnd) {
                    return 0;
                }
                System.arraycopy(in, ip, out, op, ctrl);
                op += ctrl;
                ip += ctrl;
            } else { // back reference
                int len = ctrl >> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (ip >= inEnd) {
                    return 0;
                }
                if (len == 7) {
                    len += in[ip++] & 0xff;
                    if (ip >= inEnd) {
                        return 0;
                    }
                }
                ref -= in[ip++] & 0xff;
                if (op + len + 2 > outLen || ref < 0) {
                    return 0;
                }
                for (int k = 0; k < len + 2; k++) {
                    out[op++] = out[ref++];
                }
            }
        } while (ip < inEnd);
        return op;
    }
}
