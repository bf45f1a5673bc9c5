package dev.cinnabar.api.rdb;

import dev.cinnabar.api.keyspace.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis 7.0's listpack blob ({@code listpack.c}), as it appears inside RDB records of types 16,
 * 17 and 18: a {@code u32} total size and {@code u16} element count (little-endian), entries of
 * {@code <encoding+data><backlen>}, and the {@code FF} terminator. {@link Builder} produces the
 * bytes Redis produces for the same elements (integer encodings for strings
 * {@code lpStringToInt64} accepts, the smallest string header otherwise); {@link #decode}
 * validates a blob as {@code lpValidateIntegrity} does in deep mode and returns the elements.
 */
public final class Listpack {

    /** An empty listpack's size: 6-byte header and the terminator. */
    public static final int EMPTY_BYTES = 7;

    private Listpack() {
    }

    /**
     * The bytes one element takes in a listpack (encoding, data and backlen), as Redis encodes
     * it: what a quicklist node grows or shrinks by when the element is pushed or popped.
     */
    public static int entrySize(byte[] s) {
        int len = s.length;
        int entry;
        if (len >= 1 && len <= 20 && Numbers.isCanonicalLong(s, 0, len)) {
            long v = Numbers.parseLong(s);
            if (v >= 0 && v <= 127) {
                entry = 1;
            } else if (v >= -4096 && v <= 4095) {
                entry = 2;
            } else if (v >= -32768 && v <= 32767) {
                entry = 3;
            } else if (v >= -8388608 && v <= 8388607) {
                entry = 4;
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                entry = 5;
            } else {
                entry = 9;
            }
        } else if (len < 64) {
            entry = 1 + len;
        } else if (len < 4096) {
            entry = 2 + len;
        } else {
            entry = 5 + len;
        }
        int bl = entry <= 127 ? 1 : entry < 16383 ? 2 : entry < 2097151 ? 3 : entry < 268435455 ? 4 : 5;
        return entry + bl;
    }

    /** Builds one listpack, appending elements in order. */
    public static final class Builder {
        private byte[] buf = new byte[64];
        private int size = 6;
        private int count;

        /** The listpack's size in bytes if it ended now (Redis's {@code lpBytes}). */
        public int bytes() {
            return size + 1;
        }

        public int count() {
            return count;
        }

        /** Appends a string element: integer-encoded when Redis's {@code lpStringToInt64} accepts it. */
        public Builder add(byte[] s) {
            if (s.length >= 1 && s.length <= 20 && Numbers.isCanonicalLong(s, 0, s.length)) {
                return add(Numbers.parseLong(s));
            }
            int len = s.length;
            int start = size;
            if (len < 64) {
                ensure(1 + len + 5);
                buf[size++] = (byte) (0x80 | len);
            } else if (len < 4096) {
                ensure(2 + len + 5);
                buf[size++] = (byte) (0xE0 | (len >> 8));
                buf[size++] = (byte) len;
            } else {
                ensure(5 + len + 5);
                buf[size++] = (byte) 0xF0;
                for (int k = 0; k < 32; k += 8) {
                    buf[size++] = (byte) (len >>> k);
                }
            }
            System.arraycopy(s, 0, buf, size, len);
            size += len;
            backlen(size - start);
            count++;
            return this;
        }

        /** Appends an integer element in the smallest listpack integer encoding. */
        public Builder add(long v) {
            ensure(9 + 5);
            int start = size;
            if (v >= 0 && v <= 127) {
                buf[size++] = (byte) v;
            } else if (v >= -4096 && v <= 4095) {
                long u = v < 0 ? (1 << 13) + v : v;
                buf[size++] = (byte) (0xC0 | (u >> 8));
                buf[size++] = (byte) u;
            } else if (v >= -32768 && v <= 32767) {
                buf[size++] = (byte) 0xF1;
                le(v, 2);
            } else if (v >= -8388608 && v <= 8388607) {
                buf[size++] = (byte) 0xF2;
                le(v, 3);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                buf[size++] = (byte) 0xF3;
                le(v, 4);
            } else {
                buf[size++] = (byte) 0xF4;
                le(v, 8);
            }
            backlen(size - start);
            count++;
            return this;
        }

        private void le(long v, int n) {
            for (int k = 0; k < n; k++) {
                buf[size++] = (byte) (v >>> (8 * k));
            }
        }

        /** {@code lpEncodeBacklen}, with Redis's boundaries. */
        private void backlen(int l) {
            ensure(5);
            if (l <= 127) {
                buf[size++] = (byte) l;
            } else if (l < 16383) {
                buf[size++] = (byte) (l >> 7);
                buf[size++] = (byte) ((l & 127) | 128);
            } else if (l < 2097151) {
                buf[size++] = (byte) (l >> 14);
                buf[size++] = (byte) (((l >> 7) & 127) | 128);
                buf[size++] = (byte) ((l & 127) | 128);
            } else if (l < 268435455) {
                buf[size++] = (byte) (l >> 21);
                buf[size++] = (byte) (((l >> 14) & 127) | 128);
                buf[size++] = (byte) (((l >> 7) & 127) | 128);
                buf[size++] = (byte) ((l & 127) | 128);
            } else {
                buf[size++] = (byte) (l >> 28);
                buf[size++] = (byte) (((l >> 21) & 127) | 128);
                buf[size++] = (byte) (((l >> 14) & 127) | 128);
                buf[size++] = (byte) (((l >> 7) & 127) | 128);
                buf[size++] = (byte) ((l & 127) | 128);
            }
        }

        private void ensure(int more) {
            if (size + more + 1 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more + 1));
            }
        }

        /** The finished blob. */
        public byte[] build() {
            byte[] out = Arrays.copyOf(buf, size + 1);
            out[size] = (byte) 0xFF;
            int total = size + 1;
            for (int k = 0; k < 4; k++) {
                out[k] = (byte) (total >>> (8 * k));
            }
            int c = Math.min(count, 65535);
            out[4] = (byte) c;
            out[5] = (byte) (c >>> 8);
            return out;
        }
    }

    /**
     * The elements of a listpack blob (integers rendered as canonical decimal), after the checks of
     * {@code lpValidateIntegrity} with deep validation: header size equal to the blob, terminator,
     * every entry inside the blob with a matching backlen, and the header count (unless 65535).
     */
    public static List<byte[]> decode(byte[] lp) throws RdbReader.Malformed {
        int n = lp.length;
        if (n < EMPTY_BYTES) {
            throw bad();
        }
        long total = (lp[0] & 0xffL) | (lp[1] & 0xffL) << 8 | (lp[2] & 0xffL) << 16 | (lp[3] & 0xffL) << 24;
        int count = (lp[4] & 0xff) | (lp[5] & 0xff) << 8;
        if (total != n || (lp[n - 1] & 0xff) != 0xFF) {
            throw bad();
        }
        List<byte[]> out = new ArrayList<>(Math.min(count, n / 2));
        int p = 6;
        while (p < n - 1) {
            int b = lp[p] & 0xff;
            int start = p;
            byte[] value;
            if ((b & 0x80) == 0) {
                value = Numbers.toBytes(b);
                p += 1;
            } else if ((b & 0xC0) == 0x80) {
                int len = b & 0x3F;
                value = slice(lp, p + 1, len, n - 1);
                p += 1 + len;
            } else if ((b & 0xE0) == 0xC0) {
                need(p + 2, n - 1);
                int u = ((b & 0x1F) << 8) | (lp[p + 1] & 0xff);
                value = Numbers.toBytes(u >= 4096 ? u - 8192 : u);
                p += 2;
            } else if ((b & 0xF0) == 0xE0) {
                need(p + 2, n - 1);
                int len = ((b & 0x0F) << 8) | (lp[p + 1] & 0xff);
                value = slice(lp, p + 2, len, n - 1);
                p += 2 + len;
            } else if (b == 0xF0) {
                need(p + 5, n - 1);
                long len = (lp[p + 1] & 0xffL) | (lp[p + 2] & 0xffL) << 8 | (lp[p + 3] & 0xffL) << 16 | (lp[p + 4] & 0xffL) << 24;
                if (len > n) {
                    throw bad();
                }
                value = slice(lp, p + 5, (int) len, n - 1);
                p += 5 + (int) len;
            } else if (b >= 0xF1 && b <= 0xF4) {
                int w = b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
                need(p + 1 + w, n - 1);
                long v = 0;
                for (int k = w - 1; k >= 0; k--) {
                    v = (v << 8) | (lp[p + 1 + k] & 0xff);
                }
                int shift = 64 - 8 * w;
                value = Numbers.toBytes((v << shift) >> shift);
                p += 1 + w;
            } else {
                throw bad();
            }
            int entry = p - start;
            int bl = entry <= 127 ? 1 : entry < 16383 ? 2 : entry < 2097151 ? 3 : entry < 268435455 ? 4 : 5;
            need(p + bl, n - 1);
            // decode the backlen backwards, as lpDecodeBacklen does
            long decoded = 0;
            int shift = 0;
            int q = p + bl - 1;
            while (true) {
                decoded |= (long) (lp[q] & 127) << shift;
                if ((lp[q] & 128) == 0 || q == p) {
                    break;
                }
                shift += 7;
                q--;
            }
            if (q != p || decoded != entry) {
                throw bad();
            }
            p += bl;
            out.add(value);
        }
        if (p != n - 1 || (count != 65535 && count != out.size())) {
            throw bad();
        }
        return out;
    }

    private static void need(int upTo, int limit) throws RdbReader.Malformed {
        if (upTo > limit) {
            throw bad();
        }
    }

    private static byte[] slice(byte[] lp, int from, int len, int limit) throws RdbReader.Malformed {
        need(from + len, limit);
        return Arrays.copyOfRange(lp, from, from + len);
    }

    private static RdbReader.Malformed bad() {
        return new RdbReader.Malformed("Listpack integrity check failed.");
    }

    /** Text of a score as Redis's {@code d2string} writes it into a zset listpack. */
    public static byte[] scoreText(double d) {
        if (d == 0) {
            return new byte[] {'0'};
        }
        if (!Double.isInfinite(d) && d >= -(Long.MAX_VALUE / 2) && d <= Long.MAX_VALUE / 2 && (long) d == d) {
            return Numbers.toBytes((long) d);
        }
        if (Double.isInfinite(d)) {
            return (d > 0 ? "inf" : "-inf").getBytes(StandardCharsets.US_ASCII);
        }
        return Numbers.formatDouble(d).getBytes(StandardCharsets.US_ASCII);
    }
}
