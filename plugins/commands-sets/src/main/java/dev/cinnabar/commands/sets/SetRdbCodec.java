package dev.cinnabar.commands.sets;

import dev.cinnabar.api.rdb.RewriteCommands;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;

import java.util.Set;

/**
 * Sets in RDB: an {@code intset} as {@code RDB_TYPE_SET_INTSET} (11, the intset blob: u32 width,
 * u32 count, ascending little-endian values, width = the widest value ever added), a
 * {@code hashtable} as {@code RDB_TYPE_SET} (2: count, then members in table order). On load a
 * type-2 set of at most {@code set-max-intset-entries} integer members becomes an intset again,
 * and an intset above that limit a hashtable, as {@code rdbLoadObject} does.
 */
final class SetRdbCodec implements RdbValueCodec {

    static final int TYPE_SET = 2;
    static final int TYPE_INTSET = 11;

    @Override
    public Set<Class<? extends RedisValue>> valueClasses() {
        return Set.of(SetValue.class);
    }

    @Override
    public Set<Integer> types() {
        return Set.of(TYPE_SET, TYPE_INTSET);
    }

    @Override
    public int type(RedisValue value) {
        return ((SetValue) value).isIntset() ? TYPE_INTSET : TYPE_SET;
    }

    /** Large values are encoded by a background save's writer thread (intset and member table reads change nothing). */
    @Override
    public boolean writableElsewhere(RedisValue value) {
        return ((SetValue) value).size() >= LARGE_VALUE_ELEMENTS;
    }

    @Override
    public void write(RedisValue value, RdbWriter out, boolean compress, ConfigView config) {
        SetValue set = (SetValue) value;
        if (set.isIntset()) {
            IntSet ints = set.ints();
            int w = ints.width();
            int n = ints.size();
            byte[] blob = new byte[8 + w * n];
            le(blob, 0, w, 4);
            le(blob, 4, n, 4);
            for (int i = 0; i < n; i++) {
                le(blob, 8 + i * w, ints.at(i), w);
            }
            out.string(blob, compress);
            return;
        }
        int n = set.size();
        out.length(n);
        for (int i = 0; i < n; i++) {
            out.string(set.memberAt(i), compress);
        }
    }

    private static void le(byte[] b, int off, long v, int n) {
        for (int k = 0; k < n; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }

    @Override
    public RedisValue read(int type, RdbReader in, ConfigView config) throws RdbReader.Malformed {
        long maxIntset = config.getLong("set-max-intset-entries");
        if (type == TYPE_INTSET) {
            byte[] blob = in.string();
            if (blob.length < 8) {
                throw new RdbReader.Malformed("Intset integrity check failed.");
            }
            int w = (int) readLe(blob, 0, 4);
            long n = readLe(blob, 4, 4) & 0xffffffffL;
            if ((w != 2 && w != 4 && w != 8) || 8 + n * w != blob.length) {
                throw new RdbReader.Malformed("Intset integrity check failed.");
            }
            if (n == 0) {
                return null;
            }
            IntSet ints = new IntSet((int) n);
            long prev = 0;
            for (int i = 0; i < n; i++) {
                long v = readLe(blob, 8 + i * w, w);
                if (i > 0 && v <= prev) {
                    throw new RdbReader.Malformed("Intset integrity check failed.");
                }
                ints.add(v);
                prev = v;
            }
            ints.width(w);
            SetValue set = SetValue.of(ints, null);
            if (n > maxIntset) {
                set.convertForLoad();
            }
            return set;
        }
        int n = in.count(1);
        if (n == 0) {
            return null;
        }
        SetValue set = n > maxIntset ? SetValue.of(null, new MemberTable(n)) : SetValue.of(new IntSet(n), null);
        for (int i = 0; i < n; i++) {
            if (!set.add(in.string(), Long.MAX_VALUE)) {
                throw new RdbReader.Malformed("Duplicate set members detected");
            }
        }
        return set;
    }

    private static long readLe(byte[] b, int off, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (b[off + k] & 0xff);
        }
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    /** {@code rewriteSetObject}: SADD, in the set's own order (ascending for an intset). */
    @Override
    public boolean rewrite(byte[] key, RedisValue value, java.util.function.Consumer<byte[][]> commands) {
        SetValue set = (SetValue) value;
        RewriteCommands c = new RewriteCommands("SADD", key, commands);
        if (set.isIntset()) {
            IntSet ints = set.ints();
            for (int i = 0; i < ints.size(); i++) {
                c.item(Long.toString(ints.at(i)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        } else {
            for (int i = 0; i < set.size(); i++) {
                c.item(set.memberAt(i));
            }
        }
        c.finish();
        return true;
    }
}
