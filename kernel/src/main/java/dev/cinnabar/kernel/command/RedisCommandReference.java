package dev.cinnabar.kernel.command;

import dev.cinnabar.kernel.resp.RespNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis 7.0.15's own command metadata, recorded from the real server by
 * {@code tools/gen-redis-command-table.py}: for every command and subcommand its
 * {@code COMMAND INFO} entry and {@code COMMAND DOCS} map. Plugins that implement a Redis command
 * name it; arity, flags, keys, ACL categories and documentation come from here, so they cannot
 * drift from Redis.
 */
public final class RedisCommandReference {

    /** One command's recorded metadata. */
    public record Entry(String fullName, RespNode.Aggregate info, RespNode docs) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    private RedisCommandReference() {
    }

    public static RedisCommandReference load() {
        RedisCommandReference ref = new RedisCommandReference();
        RespNode.Aggregate infos = (RespNode.Aggregate) parse("redis-command-info.resp3");
        RespNode.Aggregate docs = (RespNode.Aggregate) parse("redis-command-docs.resp3");
        Map<String, RespNode> docsByName = new HashMap<>();
        collectDocs(docs, docsByName);
        for (RespNode n : infos.children()) {
            ref.add((RespNode.Aggregate) n, docsByName);
        }
        return ref;
    }

    private static void collectDocs(RespNode.Aggregate map, Map<String, RespNode> out) {
        List<RespNode> c = map.children();
        for (int i = 0; i + 1 < c.size(); i += 2) {
            String name = RespNode.text(c.get(i));
            RespNode doc = c.get(i + 1);
            out.put(name, doc);
            if (doc instanceof RespNode.Aggregate a && a.get("subcommands") instanceof RespNode.Aggregate subs) {
                collectDocs(subs, out);
            }
        }
    }

    private void add(RespNode.Aggregate info, Map<String, RespNode> docs) {
        String name = RespNode.text(info.children().get(0));
        entries.put(name, new Entry(name, info, docs.get(name)));
        RespNode subs = info.children().get(9);
        if (subs instanceof RespNode.Aggregate a) {
            for (RespNode s : a.children()) {
                add((RespNode.Aggregate) s, docs);
            }
        }
    }

    private static RespNode parse(String resource) {
        try (InputStream in = RedisCommandReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            byte[] data = in.readAllBytes();
            return RespNode.parse(data, new int[]{0});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry for a full lower-case name ({@code "get"}, {@code "config|get"}), or null. */
    public Entry get(String fullName) {
        return entries.get(fullName);
    }
}
