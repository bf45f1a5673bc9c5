package dev.cinnabar.api.rdb;

import dev.cinnabar.api.keyspace.Numbers;

import java.util.Arrays;

/**
 * Builds RDB bytes as Redis's {@code rdb.c} writes them: opcodes, lengths ({@code rdbSaveLen})
 * and strings ({@code rdbSaveRawString}: integer encoding for short canonical integers, LZF for
 * strings longer than 20 bytes when compression is on and saves at least 4 bytes, else plain).
 */
public final class RdbWriter {

    /** {@code RDB_VERSION} of Redis 7.0. */
    public static final int RDB_VERSION = 10;
    /** {@code RDB_OPCODE_FUNCTION2}: a function library (its whole code) in 7.0 GA and later. */
    public static final int OPCODE_FUNCTION2 = 245;
    /** {@code RDB_OPCODE_FUNCTION}: a library in the 7.0 release-candidate format (read only). */
    public static final int OPCODE_FUNCTION_PRE_GA = 246;

    /**
     * Takes what a writer holds when its buffer is full, so that a file is passed on in pieces of
     * the buffer's size even while one large value is written (a hash of a million fields would
     * otherwise be built whole in one array, which the JVM places in the old generation).
     *
     * @since 1.6.0
     */
    @FunctionalInterface
    public interface Drain {
        /** Takes the bytes built so far ({@link #copyTo}) and normally {@link #clear}s {@code full}. */
        void drain(RdbWriter full);
    }

    private byte[] buf;
    private int size;
    private final Drain drain;
    /** With a drain: the buffer's size, to go back to after a write larger than it. */
    private final int capacity;
    private boolean draining;

    public RdbWriter() {
        this(64);
    }

    public RdbWriter(int capacity) {
        this(capacity, null);
    }

    /**
     * A writer whose bytes go to {@code drain} whenever its buffer of {@code capacity} bytes is
     * full (a single write larger than the buffer still grows it). Its contents are then a tail of
     * what was written, so {@link #finishDump} and {@link #finishFile} do not apply.
     *
     * @since 1.6.0
     */
    public RdbWriter(int capacity, Drain drain) {
        this.capacity = Math.max(16, capacity);
        buf = new byte[this.capacity];
        this.drain = drain;
    }

    /** One byte: an opcode or value type. */
    public RdbWriter type(int type) {
        ensure(1);
        buf[size++] = (byte) type;
        return this;
    }

    /** Raw bytes. */
    public RdbWriter raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** {@code rdbSaveLen}: 6-bit, 14-bit, 32-bit or 64-bit big-endian length. */
    public RdbWriter length(long len) {
        ensure(9);
        if (len >= 0 && len < (1 << 6)) {
            buf[size++] = (byte) len;
        } else if (len >= 0 && len < (1 << 14)) {
            buf[size++] = (byte) (((len >> 8) & 0xff) | 0x40);
            buf[size++] = (byte) len;
        } else if (len >= 0 && len <= 0xffffffffL) {
            buf[size++] = (byte) 0x80;
            for (int s = 24; s >= 0; s -= 8) {
                buf[size++] = (byte) (len >>> s);
            }
        } else {
            buf[size++] = (byte) 0x81;
            for (int s = 56; s >= 0; s -= 8) {
                buf[size++] = (byte) (len >>> s);
            }
        }
        return this;
    }

    /** {@code rdbSaveRawString} of {@code s}; {@code compress} is the {@code rdbcompression} setting. */
    public RdbWriter string(byte[] s, boolean compress) {
        int len = s.length;
        if (len <= 11 && Numbers.isCanonicalLong(s, 0, len) && integer(Numbers.parseLong(s))) {
            return this;
        }
        if (compress && len > 20) {
            int outLen = len - 4;
            byte[] out = new byte[outLen + 1];
            int clen = Lzf.compress(s, len, out, outLen);
            if (clen > 0) {
                type(0xC3); // RDB_ENCVAL << 6 | RDB_ENC_LZF
                length(clen);
                length(len);
                return raw(out, 0, clen);
            }
        }
        length(len);
        return raw(s, 0, len);
    }

    /** {@code rdbEncodeInteger}: int8, int16 or int32 little-endian; false when out of range. */
    private boolean integer(long v) {
        if (v >= -(1 << 7) && v <= (1 << 7) - 1) {
            type(0xC0);
            type((int) v);
        } else if (v >= -(1 << 15) && v <= (1 << 15) - 1) {
            type(0xC1);
            type((int) v);
            type((int) (v >> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            type(0xC2);
            for (int s = 0; s < 32; s += 8) {
                type((int) (v >> s));
            }
        } else {
            return false;
        }
        return true;
    }

    /**
     * The {@code DUMP} trailer: the 2-byte RDB version and the CRC64 of everything before it, both
     * little-endian. Returns the finished payload.
     */
    public byte[] finishDump() {
        type(RDB_VERSION & 0xff);
        type((RDB_VERSION >> 8) & 0xff);
        long crc = Crc64.update(0, buf, 0, size);
        for (int s = 0; s < 64; s += 8) {
            type((int) (crc >>> s));
        }
        return toByteArray();
    }

    /** An 8-byte little-endian integer (expire times in milliseconds). */
    public RdbWriter int64(long v) {
        for (int s = 0; s < 64; s += 8) {
            type((int) (v >>> s));
        }
        return this;
    }

    /** {@code rdbSaveBinaryDoubleValue}: IEEE-754 binary64, little-endian. */
    public RdbWriter binaryDouble(double d) {
        return int64(Double.doubleToRawLongBits(d));
    }

    /**
     * The RDB file trailer: the EOF opcode and the CRC64 of everything before the checksum,
     * little-endian, or eight zero bytes when {@code checksum} is off ({@code rdbchecksum no}).
     * Returns the finished file.
     */
    public byte[] finishFile(boolean checksum) {
        type(0xFF);
        long crc = checksum ? Crc64.update(0, buf, 0, size) : 0;
        return int64(crc).toByteArray();
    }

    public int size() {
        return size;
    }

    /**
     * Copies the bytes built so far into {@code dst} from {@code off}; returns how many.
     *
     * @since 1.4.0
     */
    public int copyTo(byte[] dst, int off) {
        System.arraycopy(buf, 0, dst, off, size);
        return size;
    }

    /**
     * Empties the writer and keeps its buffer, for writing a large file in pieces.
     *
     * @since 1.4.0
     */
    public void clear() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more <= buf.length) {
            return;
        }
        if (drain != null && size > 0 && !draining) {
            draining = true;
            try {
                drain.drain(this);
            } finally {
                draining = false;
            }
            if (size + more <= buf.length) {
                if (buf.length > capacity && size + more <= capacity) {
                    buf = Arrays.copyOf(buf, capacity); // pieces stay of the buffer's size
                }
                return;
            }
            buf = Arrays.copyOf(buf, size + more); // one write larger than the buffer
            return;
        }
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
}
