package dev.cinnabar.commands.lists;

import dev.cinnabar.api.rdb.RewriteCommands;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.Listpack;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lists in RDB: written as Redis 7.0 writes every list, {@code RDB_TYPE_LIST_QUICKLIST_2} (18):
 * the node count, then per node its container (2 = packed listpack, 1 = plain element) and its
 * bytes as an RDB string. The nodes are the ones Redis would have ({@link QuicklistLayout}, kept
 * through pushes and pops at both ends and LTRIM, and taken over from a loaded snapshot); for a
 * list changed in the middle (LINSERT, LSET, LREM) they are cut from the head as tail pushes fill
 * them, so the same elements may then sit in different nodes than in Redis.
 * Reads 18, the plain {@code RDB_TYPE_LIST} (1) and the ziplist forms of older Redis (10, 14).
 */
final class ListRdbCodec implements RdbValueCodec {

    static final int TYPE_LIST = 1;
    static final int TYPE_QUICKLIST_2 = 18;
    static final int TYPE_LIST_ZIPLIST = 10;
    static final int TYPE_QUICKLIST = 14;
    private static final int PLAIN = 1, PACKED = 2;

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

    /** Large values are encoded by a background save's writer thread (list reads change nothing). */
    @Override
    public boolean writableElsewhere(RedisValue value) {
        return ((ListValue) value).size() >= LARGE_VALUE_ELEMENTS;
    }

    @Override
    public void write(RedisValue value, RdbWriter out, boolean compress, ConfigView config) {
        ListValue list = (ListValue) value;
        int n = list.size();
        QuicklistLayout layout = list.layout();
        List<Integer> counts;
        if (layout != null) {
            counts = layout.counts();
        } else {
            counts = greedyCounts(list);
        }
        out.length(counts.size());
        int at = 0;
        for (int c : counts) {
            if (c < 0) {
                out.length(PLAIN);
                out.string(list.get(at++), compress);
                continue;
            }
            Listpack.Builder lp = new Listpack.Builder();
            for (int k = 0; k < c && at < n; k++) {
                lp.add(list.get(at++));
            }
            out.length(PACKED);
            out.string(lp.build(), compress);
        }
    }

    /** Node sizes cut from the head as tail pushes would fill them (negative: a plain node). */
    private static List<Integer> greedyCounts(ListValue list) {
        List<Integer> counts = new ArrayList<>();
        int current = 0;
        Listpack.Builder node = null;
        for (int i = 0; i < list.size(); i++) {
            byte[] e = list.get(i);
            if (e.length >= QuicklistLayout.PACKED_THRESHOLD) {
                if (node != null) {
                    counts.add(current);
                    node = null;
                }
                counts.add(-1);
                continue;
            }
            if (node != null && !QuicklistLayout.allowInsert(node, e.length, list.fill())) {
                counts.add(current);
                node = null;
            }
            if (node == null) {
                node = new Listpack.Builder();
                current = 0;
            }
            node.add(e);
            current++;
        }
        if (node != null) {
            counts.add(current);
        }
        return counts;
    }

    @Override
    public RedisValue read(int type, RdbReader in, ConfigView config) throws RdbReader.Malformed {
        ListValue list = new ListValue(config.getLong("list-max-listpack-size"));
        QuicklistLayout layout = new QuicklistLayout(list.fill());
        boolean nodesKept = true;
        if (type == TYPE_LIST_ZIPLIST) {
            List<byte[]> items = dev.cinnabar.api.rdb.Ziplist.decode(in.string());
            for (byte[] e : items) {
                list.addLast(e);
            }
            if (!items.isEmpty()) {
                layout.appendNode(items, false);
            }
        } else if (type == TYPE_QUICKLIST) {
            int nodes = in.count(1);
            for (int i = 0; i < nodes; i++) {
                List<byte[]> items = dev.cinnabar.api.rdb.Ziplist.decode(in.string());
                for (byte[] e : items) {
                    list.addLast(e);
                }
                if (!items.isEmpty()) {
                    layout.appendNode(items, false);
                }
            }
        } else if (type == TYPE_LIST) {
            int n = in.count(1);
            for (int i = 0; i < n; i++) {
                list.addLast(in.string());
            }
            nodesKept = false; // pushed one by one: the list's own layout is Redis's
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
                    layout.appendNode(List.of(data), true);
                    continue;
                }
                List<byte[]> items = Listpack.decode(data);
                for (byte[] e : items) {
                    list.addLast(e);
                }
                if (!items.isEmpty()) {
                    layout.appendNode(items, false); // Redis keeps each listpack as a node
                }
            }
        }
        if (nodesKept) {
            list.layout(layout);
        }
        return list.isEmpty() ? null : list;
    }

    /** {@code rewriteListObject}: RPUSH, head to tail. */
    @Override
    public boolean rewrite(byte[] key, RedisValue value, java.util.function.Consumer<byte[][]> commands) {
        ListValue list = (ListValue) value;
        RewriteCommands c = new RewriteCommands("RPUSH", key, commands);
        for (int i = 0; i < list.size(); i++) {
            c.item(list.get(i));
        }
        c.finish();
        return true;
    }
}
