package dev.cinnabar.api.rdb;

import java.nio.charset.StandardCharsets;

/**
 * Reads RDB bytes as Redis's {@code rdb.c} loads them from a memory buffer ({@code rioRead} over
 * the whole buffer): types, lengths ({@code rdbLoadLen}) and strings in any encoding
 * ({@code rdbGenericLoadStringObject}). A read that runs past the end or meets a malformed
 * encoding throws {@link Malformed}; sizes are checked against the bytes present before anything
 * is allocated, so forged lengths cost nothing.
 */
public final class RdbReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    /** Reads {@code buf[from..end)}. */
    public RdbReader(byte[] buf, int from, int end) {
        this.buf = buf;
        this.pos = from;
        this.end = end;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    /** One byte, unsigned ({@code rdbLoadType}). */
    public int type() throws Malformed {
        need(1);
        return buf[pos++] & 0xff;
    }

    /** {@code rdbLoadLen} of a plain length (an encoded-value byte yields its low 6 bits, as in Redis). */
    public long length() throws Malformed {
        return length(null);
    }

    private long length(boolean[] encoded) throws Malformed {
        int b = type();
        switch ((b & 0xC0) >> 6) {
            case 0:
                return b & 0x3F;
            case 1:
                return ((long) (b & 0x3F) << 8) | type();
            case 3:
                if (encoded != null) {
                    encoded[0] = true;
                }
                return b & 0x3F;
            default:
                if (b == 0x80) {
                    return bigEndian(4);
                }
                if (b == 0x81) {
                    return bigEndian(8);
                }
                throw new Malformed("Unknown length encoding " + b + " in rdbLoadLen()");
        }
    }

    private long bigEndian(int n) throws Malformed {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    private long littleEndianSigned(int n) throws Malformed {
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += n;
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    /** An 8-byte little-endian integer. */
    public long int64() throws Malformed {
        return littleEndianSigned(8);
    }

    /** A 4-byte little-endian integer ({@code RDB_OPCODE_EXPIRETIME}, seconds). */
    public long int32() throws Malformed {
        return littleEndianSigned(4);
    }

    /** {@code rdbLoadBinaryDoubleValue}. */
    public double binaryDouble() throws Malformed {
        return Double.longBitsToDouble(littleEndianSigned(8));
    }

    /** {@code rdbLoadDoubleValue}: the legacy text double of type-3 zsets. */
    public double textDouble() throws Malformed {
        int n = type();
        switch (n) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] b = bytes(n);
                try {
                    return Double.parseDouble(new String(b, StandardCharsets.US_ASCII).trim());
                } catch (NumberFormatException e) {
                    throw new Malformed("Invalid double value");
                }
        }
    }

    /** Raw bytes, checked against what is left. */
    public byte[] raw(int n) throws Malformed {
        return bytes(n);
    }

    /**
     * A length that counts things still to be read, each at least {@code minBytes} long: longer
     * claims than the bytes left are refused before anything is allocated for them.
     */
    public int count(int minBytes) throws Malformed {
        long n = length();
        if (n < 0 || n > (long) remaining() / Math.max(1, minBytes) || n > Integer.MAX_VALUE - 16) {
            throw new Malformed("Short read");
        }
        return (int) n;
    }

    /** A string in any RDB encoding: plain, int8/16/32 (as decimal text) or LZF. */
    public byte[] string() throws Malformed {
        boolean[] encoded = new boolean[1];
        long len = length(encoded);
        if (encoded[0]) {
            switch ((int) len) {
                case 0:
                    return decimal(littleEndianSigned(1));
                case 1:
                    return decimal(littleEndianSigned(2));
                case 2:
                    return decimal(littleEndianSigned(4));
                case 3:
                    return lzf();
                default:
                    throw new Malformed("Unknown RDB string encoding type " + len);
            }
        }
        return bytes(len);
    }

    private byte[] lzf() throws Malformed {
        long clen = length();
        long len = length();
        if (clen < 0 || clen > remaining()) {
            throw new Malformed("Invalid LZF compressed string");
        }
        // one LZF back reference of 3 bytes yields at most 264: a longer claim cannot be true
        if (len < 0 || len > clen * 88 + 32 || len > Integer.MAX_VALUE - 16) {
            throw new Malformed("Invalid LZF compressed string");
        }
        byte[] out = new byte[(int) len];
        int n = Lzf.decompress(buf, pos, (int) clen, out, (int) len);
        pos += (int) clen;
        if (n != len) {
            throw new Malformed("Invalid LZF compressed string");
        }
        return out;
    }

    private byte[] bytes(long len) throws Malformed {
        if (len < 0 || len > remaining()) {
            throw new Malformed("Short read");
        }
        byte[] b = new byte[(int) len];
        System.arraycopy(buf, pos, b, 0, b.length);
        pos += b.length;
        return b;
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private void need(int n) throws Malformed {
        if (end - pos < n) {
            throw new Malformed("Short read");
        }
    }

    /**
     * Checks a {@code DUMP} payload's trailer as Redis's {@code verifyDumpPayload}: at least 10
     * bytes, an RDB version not above {@link RdbWriter#RDB_VERSION}, and the CRC64 of everything
     * before the checksum. Returns the payload's RDB version, or -1 when it is refused.
     */
    public static int verifyDump(byte[] payload) {
        int len = payload.length;
        if (len < 10) {
            return -1;
        }
        int version = (payload[len - 10] & 0xff) | (payload[len - 9] & 0xff) << 8;
        if (version > RdbWriter.RDB_VERSION) {
            return -1;
        }
        long crc = Crc64.update(0, payload, 0, len - 8);
        for (int i = 0; i < 8; i++) {
            if ((byte) (crc >>> (8 * i)) != payload[len - 8 + i]) {
                return -1;
            }
        }
        return version;
    }

    /** Bytes that are not valid RDB; the message is Redis's log text, for diagnostics only. */
    public static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
