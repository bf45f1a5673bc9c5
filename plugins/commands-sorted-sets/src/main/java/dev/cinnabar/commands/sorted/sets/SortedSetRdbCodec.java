package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.rdb.RewriteCommands;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.Listpack;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;

import java.util.List;
import java.util.Set;

/**
 * Sorted sets in RDB: a {@code listpack} set as {@code RDB_TYPE_ZSET_LISTPACK} (17: one listpack
 * of member, score, ... in (score, member) order, scores as {@code d2string} text, so integral
 * ones take listpack integer encodings), a {@code skiplist} as {@code RDB_TYPE_ZSET_2} (5: count,
 * then member and binary little-endian double from the highest element down, as Redis walks its
 * skiplist from the tail). Reads 17, 5, the ziplist form of older Redis (12) and the legacy
 * text-double {@code RDB_TYPE_ZSET} (3); the
 * loaded encoding follows {@code zset-max-listpack-entries}/{@code -value} as in
 * {@code rdbLoadObject}.
 */
final class SortedSetRdbCodec implements RdbValueCodec {

    static final int TYPE_ZSET = 3;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_ZSET_ZIPLIST = 12;

    @Override
    public Set<Class<? extends RedisValue>> valueClasses() {
        return Set.of(SortedSet.class);
    }

    @Override
    public Set<Integer> types() {
        return Set.of(TYPE_ZSET, TYPE_ZSET_2, TYPE_ZSET_LISTPACK, TYPE_ZSET_ZIPLIST);
    }

    @Override
    public int type(RedisValue value) {
        return ((SortedSet) value).isListpack() ? TYPE_ZSET_LISTPACK : TYPE_ZSET_2;
    }

    /** Large values are encoded by a background save's writer thread (a skiplist: lookups cache their last result in fields the encoding does not read). */
    @Override
    public boolean writableElsewhere(RedisValue value) {
        SortedSet z = (SortedSet) value;
        return !z.isListpack() && z.size() >= LARGE_VALUE_ELEMENTS;
    }

    @Override
    public void write(RedisValue value, RdbWriter out, boolean compress, ConfigView config) {
        SortedSet z = (SortedSet) value;
        ZSetStore store = z.store();
        if (z.isListpack()) {
            Listpack.Builder lp = new Listpack.Builder();
            store.visit(0, false, (m, s) -> {
                lp.add(m);
                lp.add(Listpack.scoreText(s));
                return true;
            });
            out.string(lp.build(), compress);
            return;
        }
        int n = store.size();
        out.length(n);
        if (n > 0) {
            store.visit(n - 1, true, (m, s) -> {
                out.string(m, compress);
                out.binaryDouble(s);
                return true;
            });
        }
    }

    @Override
    public RedisValue read(int type, RdbReader in, ConfigView config) throws RdbReader.Malformed {
        SortedSet.Limits limits = new SortedSet.Limits(config.getLong("zset-max-listpack-entries"),
                config.getLong("zset-max-listpack-value"));
        if (type == TYPE_ZSET_LISTPACK || type == TYPE_ZSET_ZIPLIST) {
            List<byte[]> items = type == TYPE_ZSET_LISTPACK ? Listpack.decode(in.string())
                    : dev.cinnabar.api.rdb.Ziplist.decode(in.string());
            if (items.size() % 2 != 0) {
                throw new RdbReader.Malformed("Zset listpack integrity check failed.");
            }
            int n = items.size() / 2;
            if (n == 0) {
                return null;
            }
            int maxLen = 0;
            for (int i = 0; i < items.size(); i += 2) {
                maxLen = Math.max(maxLen, items.get(i).length);
            }
            // a listpack stays a listpack unless it has too many entries (the value limit is not checked)
            SortedSet z = SortedSet.sized(limits, n, n > limits.maxEntries() ? maxLen : 0);
            for (int i = 0; i < items.size(); i += 2) {
                double score;
                try {
                    score = Numbers.parseDouble(items.get(i + 1));
                } catch (NumberFormatException e) {
                    throw new RdbReader.Malformed("Zset listpack integrity check failed.");
                }
                add(z, items.get(i), score);
            }
            return z;
        }
        int n = in.count(type == TYPE_ZSET_2 ? 9 : 2);
        if (n == 0) {
            return null;
        }
        byte[][] members = new byte[n][];
        double[] scores = new double[n];
        int maxLen = 0;
        for (int i = 0; i < n; i++) {
            members[i] = in.string();
            scores[i] = type == TYPE_ZSET_2 ? in.binaryDouble() : in.textDouble();
            maxLen = Math.max(maxLen, members[i].length);
        }
        SortedSet z = SortedSet.sized(limits, n, maxLen);
        for (int i = 0; i < n; i++) {
            add(z, members[i], scores[i]);
        }
        return z;
    }

    private static void add(SortedSet z, byte[] member, double score) throws RdbReader.Malformed {
        if (Double.isNaN(score)) {
            throw new RdbReader.Malformed("Zset with NAN score detected");
        }
        if (!Double.isNaN(z.score(member))) {
            throw new RdbReader.Malformed("Duplicate zset fields detected");
        }
        z.store().insert(member, score);
    }

    /** {@code rewriteSortedSetObject}: ZADD score member, scores as {@code %.17g}, lowest first. */
    @Override
    public boolean rewrite(byte[] key, RedisValue value, java.util.function.Consumer<byte[][]> commands) {
        ZSetStore store = ((SortedSet) value).store();
        RewriteCommands c = new RewriteCommands("ZADD", key, commands);
        if (store.size() > 0) {
            store.visit(0, false, (m, s) -> {
                c.item(dev.cinnabar.api.keyspace.Numbers.formatDouble(s).getBytes(java.nio.charset.StandardCharsets.US_ASCII), m);
                return true;
            });
        }
        c.finish();
        return true;
    }
}
