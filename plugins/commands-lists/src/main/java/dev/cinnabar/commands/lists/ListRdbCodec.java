package dev.cinnabar.commands.lists;

import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.Listpack;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;

import java.util.Set;

/**
 * Lists in RDB: written as Redis 7.0 writes every list, {@code RDB_TYPE_LIST_QUICKLIST_2} (18):
 * the node count, then per node its container (2 = packed listpack, 1 = plain element) and its
 * bytes as an RDB string. A {@link ListValue} has no nodes of its own, so they are cut from the
 * head as Redis's {@code RPUSH} fills them ({@code _quicklistNodeAllowInsert}: an element joins
 * the tail node while {@code node bytes + element length + 8} stays within the
 * {@code list-max-listpack-size} limit); a list built by tail pushes therefore produces Redis's
 * bytes exactly, other histories the same elements in possibly different nodes.
 * Reads 18, the plain {@code RDB_TYPE_LIST} (1) and the ziplist forms of older Redis (10, 14).
 */
final class ListRdbCodec implements RdbValueCodec {

    static final int TYPE_LIST = 1;
    static final int TYPE_QUICKLIST_2 = 18;
    static final int TYPE_LIST_ZIPLIST = 10;
    static final int TYPE_QUICKLIST = 14;
    private static final int PLAIN = 1, PACKED = 2;
    /** {@code packed_threshold}: elements this long or longer get a plain node. */
    private static final long PACKED_THRESHOLD = 1L << 30;
    private static final int[] SIZE_LIMITS = {4096, 8192, 16384, 32768, 65536};
    private static final int SAFETY_LIMIT = 8192;

    @Override
    public Set<Class<? extends RedisValue>> valueClasses() {
        return Set.of(ListValue.class);
    }

    @Override
    public Set<Integer> types() {
        return Set.of(TYPE_LIST, TYPE_QUICKLIST_2, TYPE_LIST_ZIPLIST, TYPE_QUICKLIST);
    }

    @Override
    public int type(RedisValue value) {
        return TYPE_QUICKLIST_2;
    }

    @Override
    public void write(RedisValue value, RdbWriter out, boolean compress, ConfigView config) {
        ListValue list = (ListValue) value;
        long fill = config.getLong("list-max-listpack-size");
        int n = list.size();
        // first pass: node boundaries
        java.util.List<Object> nodes = new java.util.ArrayList<>();
        Listpack.Builder node = null;
        for (int i = 0; i < n; i++) {
            byte[] e = list.get(i);
            if (e.length >= PACKED_THRESHOLD) {
                if (node != null) {
                    nodes.add(node);
                    node = null;
                }
                nodes.add(e);
                continue;
            }
            if (node != null && !allowInsert(node, e.length, fill)) {
                nodes.add(node);
                node = null;
            }
            if (node == null) {
                node = new Listpack.Builder();
            }
            node.add(e);
        }
        if (node != null) {
            nodes.add(node);
        }
        out.length(nodes.size());
        for (Object o : nodes) {
            if (o instanceof byte[] plain) {
                out.length(PLAIN);
                out.string(plain, compress);
            } else {
                out.length(PACKED);
                out.string(((Listpack.Builder) o).build(), compress);
            }
        }
    }

    /** {@code _quicklistNodeAllowInsert} with {@code quicklistNodeLimit}. */
    private static boolean allowInsert(Listpack.Builder node, int elementLength, long fill) {
        long newSize = (long) node.bytes() + elementLength + 8;
        if (fill >= 0) {
            long countLimit = fill == 0 ? 1 : fill;
            return newSize <= SAFETY_LIMIT && node.count() + 1 <= countLimit;
        }
        int level = (int) Math.min(-fill - 1, SIZE_LIMITS.length - 1);
        return newSize <= SIZE_LIMITS[level];
    }

    @Override
    public RedisValue read(int type, RdbReader in, ConfigView config) throws RdbReader.Malformed {
        ListValue list = new ListValue();
        if (type == TYPE_LIST_ZIPLIST) {
            for (byte[] e : dev.cinnabar.api.rdb.Ziplist.decode(in.string())) {
                list.addLast(e);
            }
        } else if (type == TYPE_QUICKLIST) {
            int nodes = in.count(1);
            for (int i = 0; i < nodes; i++) {
                for (byte[] e : dev.cinnabar.api.rdb.Ziplist.decode(in.string())) {
                    list.addLast(e);
                }
            }
        } else if (type == TYPE_LIST) {
            int n = in.count(1);
            for (int i = 0; i < n; i++) {
                list.addLast(in.string());
            }
        } else {
            int nodes = in.count(2);
            for (int i = 0; i < nodes; i++) {
                long container = in.length();
                if (container != PLAIN && container != PACKED) {
                    throw new RdbReader.Malformed("Quicklist integrity check failed.");
                }
                byte[] data = in.string();
                if (container == PLAIN) {
                    list.addLast(data);
                    continue;
                }
                for (byte[] e : Listpack.decode(data)) {
                    list.addLast(e);
                }
            }
        }
        return list.isEmpty() ? null : list;
    }
}
