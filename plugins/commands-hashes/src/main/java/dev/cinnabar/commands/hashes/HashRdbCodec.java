package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.rdb.RewriteCommands;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.Listpack;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;

import java.util.List;
import java.util.Set;

/**
 * Hashes in RDB: a {@code listpack} hash as {@code RDB_TYPE_HASH_LISTPACK} (16: one listpack
 * of field, value, field, value... in insertion order), a {@code hashtable} as
 * {@code RDB_TYPE_HASH} (4: count, then field and value strings in table order). On load a type-4
 * hash within {@code hash-max-listpack-entries}/{@code -value} becomes a listpack again and a
 * type-16 hash above the limits a hashtable, as {@code rdbLoadObject} does. The ziplist form of
 * older Redis (13) is read like a listpack.
 */
final class HashRdbCodec implements RdbValueCodec {

    static final int TYPE_HASH = 4;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_HASH_ZIPLIST = 13;

    @Override
    public Set<Class<? extends RedisValue>> valueClasses() {
        return Set.of(HashValue.class);
    }

    @Override
    public Set<Integer> types() {
        return Set.of(TYPE_HASH, TYPE_HASH_LISTPACK, TYPE_HASH_ZIPLIST);
    }

    @Override
    public int type(RedisValue value) {
        return ((HashValue) value).isListpack() ? TYPE_HASH_LISTPACK : TYPE_HASH;
    }

    /** Large values are encoded by a background save's writer thread (a hashtable: FieldTable reads change nothing). */
    @Override
    public boolean writableElsewhere(RedisValue value) {
        HashValue h = (HashValue) value;
        return !h.isListpack() && h.size() >= LARGE_VALUE_ELEMENTS;
    }

    @Override
    public void write(RedisValue value, RdbWriter out, boolean compress, ConfigView config) {
        HashValue h = (HashValue) value;
        if (h.isListpack()) {
            Listpack.Builder lp = new Listpack.Builder();
            h.forEach((f, v) -> {
                lp.add(f);
                lp.add(v);
            });
            out.string(lp.build(), compress);
            return;
        }
        out.length(h.size());
        h.forEach((f, v) -> {
            out.string(f, compress);
            out.string(v, compress);
        });
    }

    @Override
    public RedisValue read(int type, RdbReader in, ConfigView config) throws RdbReader.Malformed {
        long maxEntries = config.getLong(HashValue.MAX_LISTPACK_ENTRIES);
        long maxValue = config.getLong(HashValue.MAX_LISTPACK_VALUE);
        HashValue h = new HashValue();
        if (type == TYPE_HASH_LISTPACK || type == TYPE_HASH_ZIPLIST) {
            List<byte[]> items = type == TYPE_HASH_LISTPACK ? Listpack.decode(in.string())
                    : dev.cinnabar.api.rdb.Ziplist.decode(in.string());
            if (items.size() % 2 != 0) {
                throw new RdbReader.Malformed("Hash listpack integrity check failed.");
            }
            for (int i = 0; i < items.size(); i += 2) {
                if (h.contains(items.get(i))) {
                    throw new RdbReader.Malformed("Hash listpack integrity check failed.");
                }
                h.convertForPair(items.get(i), items.get(i + 1), maxValue);
                h.put(items.get(i), items.get(i + 1), maxEntries);
            }
        } else {
            int n = in.count(2);
            for (int i = 0; i < n; i++) {
                byte[] f = in.string();
                byte[] v = in.string();
                h.convertForPair(f, v, maxValue);
                if (!h.put(f, v, maxEntries)) {
                    throw new RdbReader.Malformed("Duplicate hash fields detected");
                }
            }
        }
        return h.size() == 0 ? null : h;
    }

    /** {@code rewriteHashObject}: HMSET field value, in the hash's own order. */
    @Override
    public boolean rewrite(byte[] key, RedisValue value, java.util.function.Consumer<byte[][]> commands) {
        RewriteCommands c = new RewriteCommands("HMSET", key, commands);
        ((HashValue) value).forEach((f, v) -> c.item(f, v));
        c.finish();
        return true;
    }
}
