package dev.cinnabar.api.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Redis string: a byte array plus the encoding Redis would report for it. The encoding is
 * decided by how the value was made, exactly as in Redis ({@code t_string.c}, {@code object.c}):
 * <ul>
 *   <li>{@link #of(byte[])}: a value arriving from a client ({@code SET}, {@code MSET}...), which
 *       Redis passes through {@code tryObjectEncoding}: {@code int} for a canonical 64-bit decimal
 *       of at most 20 characters, {@code embstr} up to 44 bytes, else {@code raw};</li>
 *   <li>{@link #created(byte[])}: a value the server builds ({@code INCRBYFLOAT}, {@code GETEX}
 *       copies...) through {@code createStringObject}: {@code embstr} up to 44 bytes, else
 *       {@code raw}, never {@code int};</li>
 *   <li>{@link #ofLong(long)}: an integer result ({@code INCR}): {@code int};</li>
 *   <li>{@link #raw(byte[])}: a value modified in place ({@code APPEND}, {@code SETRANGE},
 *       {@code SETBIT}): {@code raw}.</li>
 * </ul>
 *
 * <p>The backing array may be longer than the value (room to grow for {@code APPEND}); read it
 * with {@link #array()} and {@link #length()}, or copy it with {@link #toBytes()}.
 */
public final class StringValue implements RedisValue {

    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    public static final int EMBSTR_LIMIT = 44;

    private static final byte INT = 0, EMBSTR = 1, RAW = 2;

    private byte[] bytes;
    private int length;
    private byte encoding;

    private StringValue(byte[] bytes, int length, byte encoding) {
        this.bytes = bytes;
        this.length = length;
        this.encoding = encoding;
    }

    /** A value as sent by a client; takes ownership of {@code bytes}. */
    public static StringValue of(byte[] bytes) {
        int n = bytes.length;
        if (n <= 20 && Numbers.isCanonicalLong(bytes, 0, n)) {
            return new StringValue(bytes, n, INT);
        }
        return new StringValue(bytes, n, n <= EMBSTR_LIMIT ? EMBSTR : RAW);
    }

    /** A value the server created; takes ownership of {@code bytes}. */
    public static StringValue created(byte[] bytes) {
        return new StringValue(bytes, bytes.length, bytes.length <= EMBSTR_LIMIT ? EMBSTR : RAW);
    }

    /** An integer-encoded value. */
    public static StringValue ofLong(long value) {
        byte[] b = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        return new StringValue(b, b.length, INT);
    }

    /** A value that Redis holds in raw encoding (modified in place); takes ownership of {@code bytes}. */
    public static StringValue raw(byte[] bytes) {
        return new StringValue(bytes, bytes.length, RAW);
    }

    /** The backing array; only the first {@link #length()} bytes are the value. */
    public byte[] array() {
        return bytes;
    }

    /** The length of the value in bytes. */
    public int length() {
        return length;
    }

    /** A copy of exactly the value's bytes (the backing array itself when it has no spare room). */
    public byte[] toBytes() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    /** Whether this value is {@code int}-encoded. */
    public boolean isIntEncoded() {
        return encoding == INT;
    }

    /**
     * Makes the value at least {@code newLength} bytes long (zero padded) and switches it to raw
     * encoding, growing the backing array geometrically as Redis's sds does. Returns the backing
     * array, valid until the next call.
     */
    public byte[] growTo(int newLength) {
        if (newLength > bytes.length) {
            int cap = newLength < 1024 * 1024 ? Math.max(newLength * 2, 16) : newLength + 1024 * 1024;
            if (cap < 0) {
                cap = newLength;
            }
            bytes = Arrays.copyOf(bytes, cap);
        }
        if (newLength > length) {
            length = newLength;
        }
        encoding = RAW;
        return bytes;
    }

    /** Appends {@code extra} in place (raw encoding afterwards). */
    public void append(byte[] extra) {
        int old = length;
        byte[] b = growTo(old + extra.length);
        System.arraycopy(extra, 0, b, old, extra.length);
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public String encoding() {
        return switch (encoding) {
            case INT -> "int";
            case EMBSTR -> "embstr";
            default -> "raw";
        };
    }

    @Override
    public StringValue copy() {
        return new StringValue(Arrays.copyOf(bytes, length), length, encoding);
    }

    @Override
    public void digest(ValueDigest digest) {
        digest.mix(bytes, 0, length);
    }

    @Override
    public long memoryUsage() {
        return 16 + 16 + bytes.length;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
