package dev.cinnabar.commands.hyperloglog;

/**
 * The sparse representation: after the header, a run-length sequence of opcodes covering the
 * 16384 registers in order ({@code hyperloglog.c}):
 * <ul>
 *   <li>ZERO {@code 00xxxxxx}: 1..64 registers at 0;</li>
 *   <li>XZERO {@code 01xxxxxx yyyyyyyy}: 1..16384 registers at 0;</li>
 *   <li>VAL {@code 1vvvvvxx}: 1..4 registers at value 1..32.</li>
 * </ul>
 * A sequence that does not cover exactly 16384 registers is corrupted. Malformed input is read
 * exactly as Redis reads it, including the byte after the end (an sds terminator, so 0).
 */
final class SparseRegisters {

    private SparseRegisters() {
    }

    static final int VAL_MAX_VALUE = 32;
    static final int VAL_MAX_LEN = 4;
    static final int ZERO_MAX_LEN = 64;
    static final int XZERO_MAX_LEN = 16384;

    static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    static boolean isXzero(int op) {
        return (op & 0xc0) == 0x40;
    }

    static boolean isVal(int op) {
        return (op & 0x80) != 0;
    }

    static int zeroLen(int op) {
        return (op & 0x3f) + 1;
    }

    static int xzeroLen(int op, int next) {
        return ((op & 0x3f) << 8 | next) + 1;
    }

    static int valValue(int op) {
        return ((op >>> 2) & 0x1f) + 1;
    }

    static int valLen(int op) {
        return (op & 0x3) + 1;
    }

    static byte val(int value, int len) {
        return (byte) (((value - 1) << 2 | (len - 1)) | 0x80);
    }

    static byte zero(int len) {
        return (byte) (len - 1);
    }

    /** Writes an XZERO opcode at {@code at}. */
    static void xzero(byte[] b, int at, int len) {
        int l = len - 1;
        b[at] = (byte) ((l >>> 8) | 0x40);
        b[at + 1] = (byte) l;
    }

    /** {@code hllSparseRegHisto}: fills the histogram; false when the opcodes do not cover 16384 registers. */
    static boolean histogram(Hll h, int[] histogram) {
        byte[] b = h.bytes;
        int idx = 0;
        int p = Hll.HEADER_SIZE;
        int end = h.length;
        while (p < end) {
            int op = b[p] & 0xff;
            if (isZero(op)) {
                int run = zeroLen(op);
                idx += run;
                histogram[0] += run;
                p++;
            } else if (isXzero(op)) {
                int run = xzeroLen(op, h.at(p + 1));
                idx += run;
                histogram[0] += run;
                p += 2;
            } else {
                int run = valLen(op);
                idx += run;
                histogram[valValue(op)] += run;
                p++;
            }
        }
        return idx == Hll.REGISTERS;
    }

    /** {@code hllMerge} for a sparse HLL: max[i] = MAX(max[i], register i); false when corrupted. */
    static boolean mergeInto(Hll h, byte[] max) {
        byte[] b = h.bytes;
        int i = 0;
        int p = Hll.HEADER_SIZE;
        int end = h.length;
        while (p < end) {
            int op = b[p] & 0xff;
            if (isZero(op)) {
                i += zeroLen(op);
                p++;
            } else if (isXzero(op)) {
                i += xzeroLen(op, h.at(p + 1));
                p += 2;
            } else {
                int run = valLen(op);
                int value = valValue(op);
                if (run + i > Hll.REGISTERS) {
                    // a VAL run past the last register: Redis 7.0.15 reports the HLL corrupted
                    return false;
                }
                while (run-- > 0) {
                    if (value > (max[i] & 0xff)) {
                        max[i] = (byte) value;
                    }
                    i++;
                }
                p++;
            }
        }
        return i == Hll.REGISTERS;
    }

    /**
     * {@code hllSparseToDense}: the dense bytes with this header (magic, unused bytes and cached
     * cardinality kept, encoding changed), or {@code null} when the sequence is corrupted.
     */
    static byte[] toDense(Hll h) {
        byte[] b = h.bytes;
        byte[] dense = new byte[Hll.DENSE_SIZE];
        System.arraycopy(b, 0, dense, 0, Hll.HEADER_SIZE);
        dense[Hll.ENCODING_OFFSET] = Hll.DENSE;
        int idx = 0;
        int p = Hll.HEADER_SIZE;
        int end = h.length;
        while (p < end) {
            int op = b[p] & 0xff;
            if (isZero(op)) {
                idx += zeroLen(op);
                p++;
            } else if (isXzero(op)) {
                idx += xzeroLen(op, h.at(p + 1));
                p += 2;
            } else {
                int run = valLen(op);
                int value = valValue(op);
                if (run + idx > Hll.REGISTERS) {
                    return null;
                }
                while (run-- > 0) {
                    DenseRegisters.put(dense, idx, value);
                    idx++;
                }
                p++;
            }
        }
        return idx == Hll.REGISTERS ? dense : null;
    }

    /**
     * {@code hllSparseSet}: raises register {@code index} to {@code count} in place, splitting the
     * opcode that covers it and merging equal neighbours afterwards, exactly as Redis does so the
     * bytes match. Promotes to dense when {@code count} exceeds 32 or the sequence would grow past
     * {@code maxBytes}. Returns 1 when the register changed, 0 when not, -1 when corrupted.
     */
    static int set(Hll h, int index, int count, long maxBytes) {
        if (count > VAL_MAX_VALUE) {
            return promote(h, index, count);
        }
        // the worst split (XZERO -> XZERO VAL XZERO) adds 3 bytes; malformed input may write 2 past
        h.ownWithRoom(5);
        byte[] b = h.bytes;
        int p = Hll.HEADER_SIZE;
        int end = h.length;
        long first = 0;
        long span = 0;
        int prev = -1;
        while (p < end) {
            int op = b[p] & 0xff;
            int oplen = 1;
            if (isZero(op)) {
                span = zeroLen(op);
            } else if (isVal(op)) {
                span = valLen(op);
            } else {
                span = xzeroLen(op, h.at(p + 1));
                oplen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int op = b[p] & 0xff;
        int next = isXzero(op) ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        boolean isZero = isZero(op);
        boolean isXzero = isXzero(op);
        int runlen = isZero ? zeroLen(op) : isXzero ? xzeroLen(op, h.at(p + 1)) : valLen(op);

        boolean simple = false;
        if (!isZero && !isXzero) {
            if (valValue(op) >= count) {
                return 0;
            }
            if (runlen == 1) {
                b[p] = val(count, 1);
                simple = true;
            }
        }
        if (isZero && runlen == 1) {
            b[p] = val(count, 1);
            simple = true;
        }
        if (!simple) {
            byte[] seq = new byte[5];
            int n = 0;
            int last = (int) (first + span - 1);
            if (isZero || isXzero) {
                if (index != first) {
                    n = zeros(seq, n, (int) (index - first));
                }
                seq[n++] = val(count, 1);
                if (index != last) {
                    n = zeros(seq, n, last - index);
                }
            } else {
                int current = valValue(op);
                if (index != first) {
                    seq[n++] = val(current, (int) (index - first));
                }
                seq[n++] = val(count, 1);
                if (index != last) {
                    seq[n++] = val(current, last - index);
                }
            }
            int oldlen = isXzero ? 2 : 1;
            int delta = n - oldlen;
            if (delta > 0 && h.length + delta > maxBytes) {
                return promote(h, index, count);
            }
            if (delta != 0 && next >= 0) {
                System.arraycopy(b, next, b, next + delta, end - next);
            }
            h.length += delta;
            System.arraycopy(seq, 0, b, p, n);
            end += delta;
        }
        mergeAdjacentValues(h, prev >= 0 ? prev : Hll.HEADER_SIZE, end);
        h.invalidateCache();
        return 1;
    }

    private static int zeros(byte[] seq, int n, int len) {
        if (len > ZERO_MAX_LEN) {
            xzero(seq, n, len);
            return n + 2;
        }
        seq[n] = zero(len);
        return n + 1;
    }

    /** Step 4 of {@code hllSparseSet}: up to 5 opcodes from {@code p}, equal adjacent VALs joined. */
    private static void mergeAdjacentValues(Hll h, int p, int end) {
        byte[] b = h.bytes;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int op = b[p] & 0xff;
            if (isXzero(op)) {
                p += 2;
                continue;
            } else if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(b[p + 1])) {
                int v1 = valValue(op);
                int next = b[p + 1] & 0xff;
                if (v1 == valValue(next)) {
                    int len = valLen(op) + valLen(next);
                    if (len <= VAL_MAX_LEN) {
                        b[p + 1] = val(v1, len);
                        System.arraycopy(b, p + 1, b, p, end - p - 1);
                        h.length--;
                        end--;
                        // stay on p: the joined opcode may join its right neighbour too
                        continue;
                    }
                }
            }
            p++;
        }
    }

    private static int promote(Hll h, int index, int count) {
        if (!h.toDense()) {
            return -1;
        }
        // a promotion always happens for a register that grows, so this is always 1
        return DenseRegisters.raise(h.bytes, index, count);
    }

    /** {@code PFDEBUG DECODE}: "z:len", "Z:len", "v:value,len" separated by spaces. */
    static String decode(Hll h) {
        StringBuilder sb = new StringBuilder();
        byte[] b = h.bytes;
        int p = Hll.HEADER_SIZE;
        int end = h.length;
        while (p < end) {
            int op = b[p] & 0xff;
            if (isZero(op)) {
                sb.append("z:").append(zeroLen(op)).append(' ');
                p++;
            } else if (isXzero(op)) {
                sb.append("Z:").append(xzeroLen(op, h.at(p + 1))).append(' ');
                p += 2;
            } else {
                sb.append("v:").append(valValue(op)).append(',').append(valLen(op)).append(' ');
                p++;
            }
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == ' ') {
            sb.setLength(n - 1);
        }
        return sb.toString();
    }
}
