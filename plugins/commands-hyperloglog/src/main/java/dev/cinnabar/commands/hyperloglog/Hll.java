package dev.cinnabar.commands.hyperloglog;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;

import java.util.Arrays;

/**
 * A HyperLogLog in Redis's byte layout, being read or changed by one command. It is a Redis
 * string: a 16-byte header ({@code "HYLL"}, encoding byte, 3 unused bytes, the cached cardinality
 * as a little-endian 64-bit integer whose top bit marks it stale) followed by the dense or sparse
 * registers.
 *
 * <p>An instance first views the stored value's array: dense changes happen in place, as Redis
 * does. A sparse change may resize, so it works on a private copy that {@link #store} puts back.
 */
final class Hll {

    static final int P = 14;
    static final int Q = 64 - P;
    static final int REGISTERS = 1 << P;
    static final int BITS = 6;
    static final int REGISTER_MAX = (1 << BITS) - 1;
    static final int HEADER_SIZE = 16;
    static final int DENSE_SIZE = HEADER_SIZE + (REGISTERS * BITS + 7) / 8;
    static final int ENCODING_OFFSET = 4;
    static final byte DENSE = 0;
    static final byte SPARSE = 1;
    private static final int CARD_OFFSET = 8;

    byte[] bytes;
    int length;
    /** The array of the stored value, while {@link #bytes} still is it. */
    private final byte[] stored;

    private Hll(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
        this.stored = bytes;
    }

    /** {@code createHLLObject}: sparse, all registers zero as XZERO opcodes, cache valid at 0. */
    static Hll createSparse() {
        int n = HEADER_SIZE + (REGISTERS + SparseRegisters.XZERO_MAX_LEN - 1) / SparseRegisters.XZERO_MAX_LEN * 2;
        byte[] b = new byte[n];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[ENCODING_OFFSET] = SPARSE;
        int p = HEADER_SIZE;
        for (int left = REGISTERS; left > 0; ) {
            int run = Math.min(left, SparseRegisters.XZERO_MAX_LEN);
            SparseRegisters.xzero(b, p, run);
            p += 2;
            left -= run;
        }
        return new Hll(b, n);
    }

    /** A view of {@code value}, which {@link #validate} accepted. */
    static Hll of(StringValue value) {
        return new Hll(value.array(), value.length());
    }

    /**
     * {@code isHLLObjectOrReply}: the string under a key, if it holds a well-formed HLL header; a
     * non-string gets the generic WRONGTYPE error, a string that is no HLL the HLL one.
     */
    static StringValue validate(RedisValue value) {
        if (!(value instanceof StringValue s)) {
            throw CommandException.wrongType();
        }
        byte[] b = s.array();
        if (s.isIntEncoded() || s.length() < HEADER_SIZE
                || b[0] != 'H' || b[1] != 'Y' || b[2] != 'L' || b[3] != 'L'
                || (b[ENCODING_OFFSET] & 0xff) > SPARSE
                || (b[ENCODING_OFFSET] == DENSE && s.length() != DENSE_SIZE)) {
            throw new CommandException(HllErrors.NOT_HLL);
        }
        return s;
    }

    /**
     * {@code dbUnshareStringValue}: Redis changes an embstr value to raw before writing to it,
     * even when nothing is written, which {@code OBJECT ENCODING} shows.
     */
    static void unshare(StringValue value) {
        if (!value.isIntEncoded() && !"raw".equals(value.encoding())) {
            value.growTo(value.length());
        }
    }

    boolean isDense() {
        return bytes[ENCODING_OFFSET] == DENSE;
    }

    /** The byte at {@code i}, 0 past the end, where Redis reads the sds terminator. */
    int at(int i) {
        return i < length ? bytes[i] & 0xff : 0;
    }

    /** Makes {@link #bytes} a private array with {@code room} spare bytes after {@link #length}. */
    void ownWithRoom(int room) {
        if (bytes == stored || bytes.length < length + room) {
            bytes = Arrays.copyOf(bytes, Math.max(length + room, length * 5 / 4));
        }
    }

    boolean cacheValid() {
        return (bytes[CARD_OFFSET + 7] & 0x80) == 0;
    }

    long cachedCardinality() {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = card << 8 | (bytes[CARD_OFFSET + i] & 0xffL);
        }
        return card;
    }

    void cacheCardinality(long card) {
        for (int i = 0; i < 8; i++) {
            bytes[CARD_OFFSET + i] = (byte) (card >>> (8 * i));
        }
    }

    void invalidateCache() {
        bytes[CARD_OFFSET + 7] |= (byte) 0x80;
    }

    /** {@code hllAdd}: 1 when a register grew, 0 when not, -1 when the sparse form is corrupted. */
    int add(byte[] element, long sparseMaxBytes) {
        int pattern = MurmurHash64A.pattern(element);
        return set(MurmurHash64A.index(pattern), MurmurHash64A.count(pattern), sparseMaxBytes);
    }

    /** Raises register {@code index} to {@code count} in either encoding; as {@link #add}. */
    int set(int index, int count, long sparseMaxBytes) {
        if (isDense()) {
            return DenseRegisters.raise(bytes, index, count);
        }
        return SparseRegisters.set(this, index, count, sparseMaxBytes);
    }

    /** {@code hllSparseToDense}; true when dense (already or now), false when corrupted. */
    boolean toDense() {
        if (isDense()) {
            return true;
        }
        byte[] dense = SparseRegisters.toDense(this);
        if (dense == null) {
            return false;
        }
        bytes = dense;
        length = dense.length;
        return true;
    }

    /**
     * {@code hllCount}: the estimate from the registers, or -1 when the sparse form is corrupted
     * (Redis's {@code invalid} flag).
     */
    long count() {
        int[] histogram = new int[64];
        if (isDense()) {
            DenseRegisters.histogram(bytes, histogram);
        } else if (!SparseRegisters.histogram(this, histogram)) {
            return -1;
        }
        return CardinalityEstimator.estimate(histogram);
    }

    /** Merges the registers into {@code max} ({@code hllMerge}); false when corrupted. */
    boolean mergeInto(byte[] max) {
        if (isDense()) {
            DenseRegisters.mergeInto(bytes, max);
            return true;
        }
        return SparseRegisters.mergeInto(this, max);
    }

    /** The estimate for registers held one per byte ({@code HLL_RAW}, multi-key PFCOUNT). */
    static long countRaw(byte[] registers) {
        int[] histogram = new int[64];
        for (byte r : registers) {
            histogram[r & 0xff]++;
        }
        return CardinalityEstimator.estimate(histogram);
    }

    /**
     * Puts the bytes back under {@code key}: a new value when {@code value} is null, in place when
     * only registers changed, grown in place when longer (Redis's sds grows without the key being
     * signalled), else a replacement value.
     */
    void store(Database db, byte[] key, StringValue value) {
        if (value == null) {
            db.set(key, StringValue.raw(Arrays.copyOf(bytes, length)));
        } else if (bytes == value.array() && length == value.length()) {
            return;
        } else if (length >= value.length()) {
            byte[] target = value.growTo(length);
            System.arraycopy(bytes, 0, target, 0, length);
        } else {
            db.setKeepTtl(key, StringValue.raw(Arrays.copyOf(bytes, length)));
        }
    }
}
