package dev.cinnabar.api.rdb;

import dev.cinnabar.api.keyspace.Numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ziplist blob of RDB files written before Redis 7.0 (types 10, 12, 13 and the nodes of 14),
 * read only, as Redis 7.0 still loads them: {@code u32 zlbytes}, {@code u32 zltail},
 * {@code u16 zllen} (little-endian), entries of {@code <prevlen><encoding><data>}, and {@code FF}.
 * {@link #decode} checks the structure as {@code ziplistValidateIntegrity} does in deep mode.
 *
 * @since 1.3.0
 */
public final class Ziplist {

    private Ziplist() {
    }

    /** The elements of a ziplist blob (integers as canonical decimal). */
    public static List<byte[]> decode(byte[] zl) throws RdbReader.Malformed {
        int n = zl.length;
        if (n < 11) {
            throw bad();
        }
        long bytes = le(zl, 0, 4);
        long tail = le(zl, 4, 4);
        int count = (int) le(zl, 8, 2);
        if (bytes != n || (zl[n - 1] & 0xff) != 0xFF || tail > n - 1) {
            throw bad();
        }
        List<byte[]> out = new ArrayList<>();
        int p = 10;
        int prevEntry = 0;
        int lastStart = 10;
        while (p < n - 1) {
            int start = p;
            long prevlen;
            if ((zl[p] & 0xff) < 254) {
                prevlen = zl[p] & 0xff;
                p += 1;
            } else if ((zl[p] & 0xff) == 254) {
                need(p + 5, n - 1);
                prevlen = le(zl, p + 1, 4);
                p += 5;
            } else {
                throw bad();
            }
            if (prevlen != prevEntry) {
                throw bad();
            }
            need(p + 1, n - 1);
            int enc = zl[p] & 0xff;
            byte[] value;
            switch (enc >> 6) {
                case 0: {
                    int len = enc & 0x3F;
                    value = slice(zl, p + 1, len, n - 1);
                    p += 1 + len;
                    break;
                }
                case 1: {
                    need(p + 2, n - 1);
                    int len = ((enc & 0x3F) << 8) | (zl[p + 1] & 0xff);
                    value = slice(zl, p + 2, len, n - 1);
                    p += 2 + len;
                    break;
                }
                case 2: {
                    if (enc != 0x80) {
                        throw bad();
                    }
                    need(p + 5, n - 1);
                    long len = ((zl[p + 1] & 0xffL) << 24) | ((zl[p + 2] & 0xffL) << 16) | ((zl[p + 3] & 0xffL) << 8)
                            | (zl[p + 4] & 0xffL);
                    if (len > n) {
                        throw bad();
                    }
                    value = slice(zl, p + 5, (int) len, n - 1);
                    p += 5 + (int) len;
                    break;
                }
                default: {
                    int w;
                    switch (enc) {
                        case 0xC0: w = 2; break;
                        case 0xD0: w = 4; break;
                        case 0xE0: w = 8; break;
                        case 0xF0: w = 3; break;
                        case 0xFE: w = 1; break;
                        default:
                            if (enc >= 0xF1 && enc <= 0xFD) {
                                w = 0;
                                break;
                            }
                            throw bad();
                    }
                    if (w == 0) {
                        value = Numbers.toBytes((enc & 0x0F) - 1);
                        p += 1;
                    } else {
                        need(p + 1 + w, n - 1);
                        long v = le(zl, p + 1, w);
                        int shift = 64 - 8 * w;
                        value = Numbers.toBytes((v << shift) >> shift);
                        p += 1 + w;
                    }
                }
            }
            prevEntry = p - start;
            lastStart = start;
            out.add(value);
        }
        if (p != n - 1 || (count != 65535 && count != out.size()) || (!out.isEmpty() && tail != lastStart)) {
            throw bad();
        }
        return out;
    }

    private static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xff);
        }
        return v;
    }

    private static void need(int upTo, int limit) throws RdbReader.Malformed {
        if (upTo > limit) {
            throw bad();
        }
    }

    private static byte[] slice(byte[] b, int from, int len, int limit) throws RdbReader.Malformed {
        need(from + len, limit);
        return Arrays.copyOfRange(b, from, from + len);
    }

    private static RdbReader.Malformed bad() {
        return new RdbReader.Malformed("Ziplist integrity check failed.");
    }
}
