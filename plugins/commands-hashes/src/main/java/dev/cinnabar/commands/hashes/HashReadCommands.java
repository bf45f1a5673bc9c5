package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;

/** {@code HGET}, {@code HMGET}, {@code HLEN}, {@code HSTRLEN}, {@code HEXISTS}, {@code HKEYS}, {@code HVALS}, {@code HGETALL}. */
final class HashReadCommands {

    private HashReadCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("hget", HashReadCommands::hget);
        r.redisCommand("hmget", HashReadCommands::hmget);
        r.redisCommand("hlen", (ctx, args, reply) -> {
            HashValue h = HashValue.read(ctx.db(), args.get(1));
            reply.integer(h == null ? 0 : h.size());
        });
        r.redisCommand("hstrlen", (ctx, args, reply) -> {
            HashValue h = HashValue.read(ctx.db(), args.get(1));
            byte[] v = h == null ? null : h.get(args.get(2));
            reply.integer(v == null ? 0 : v.length);
        });
        r.redisCommand("hexists", (ctx, args, reply) -> {
            HashValue h = HashValue.read(ctx.db(), args.get(1));
            reply.integer(h != null && h.contains(args.get(2)) ? 1 : 0);
        });
        r.redisCommand("hkeys", (ctx, args, reply) -> getAll(ctx, args, reply, true, false));
        r.redisCommand("hvals", (ctx, args, reply) -> getAll(ctx, args, reply, false, true));
        r.redisCommand("hgetall", (ctx, args, reply) -> getAll(ctx, args, reply, true, true));
    }

    private static void hget(CommandContext ctx, Arguments args, ReplySink reply) {
        HashValue h = HashValue.read(ctx.db(), args.get(1));
        byte[] v = h == null ? null : h.get(args.get(2));
        if (v == null) {
            reply.nullBulk();
        } else {
            reply.bulk(v);
        }
    }

    private static void hmget(CommandContext ctx, Arguments args, ReplySink reply) {
        HashValue h = HashValue.read(ctx.db(), args.get(1));
        int n = args.count() - 2;
        reply.array(n);
        for (int i = 0; i < n; i++) {
            byte[] v = h == null ? null : h.get(args.get(i + 2));
            if (v == null) {
                reply.nullBulk();
            } else {
                reply.bulk(v);
            }
        }
    }

    /** Redis's {@code genericHgetallCommand}: a map (RESP3) when both fields and values are asked for. */
    private static void getAll(CommandContext ctx, Arguments args, ReplySink reply, boolean fields, boolean values) {
        HashValue h = HashValue.read(ctx.db(), args.get(1));
        int size = h == null ? 0 : h.size();
        if (fields && values) {
            reply.map(size);
        } else {
            reply.array(size);
        }
        if (h == null) {
            return;
        }
        h.forEach((field, value) -> {
            if (fields) {
                reply.bulk(field);
            }
            if (values) {
                reply.bulk(value);
            }
        });
    }
}
