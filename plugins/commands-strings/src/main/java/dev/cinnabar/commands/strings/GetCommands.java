package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code GET}, {@code GETDEL}, {@code GETEX}, {@code GETSET}, {@code MGET}: the reading side of {@code t_string.c}. */
final class GetCommands {

    private GetCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("get", (ctx, args, reply) -> replyValue(ctx.db().getString(args.get(1)), reply));
        r.redisCommand("getdel", (ctx, args, reply) -> {
            StringValue v = ctx.db().getString(args.get(1));
            replyValue(v, reply);
            if (v != null) {
                ctx.db().delete(args.get(1));
                ctx.db().notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", args.get(1));
            }
        });
        r.redisCommand("getset", (ctx, args, reply) -> {
            replyValue(ctx.db().getString(args.get(1)), reply);
            ctx.db().set(args.get(1), StringValue.of(args.get(2)));
            ctx.db().notifyKeyspaceEvent(KeyspaceEvents.STRING, "set", args.get(1));
        });
        r.redisCommand("getex", GetCommands::getex);
        r.redisCommand("mget", GetCommands::mget);
    }

    /** The value as a bulk string, or the null reply when missing. */
    static void replyValue(StringValue v, ReplySink reply) {
        if (v == null) {
            reply.nullBulk();
        } else {
            reply.bulk(v.array(), 0, v.length());
        }
    }

    private static void getex(CommandContext ctx, Arguments args, ReplySink reply) {
        ExtendedOptions opts = ExtendedOptions.parseGetex(args);
        byte[] key = args.get(1);
        Database db = ctx.db();
        StringValue v = db.getString(key);
        if (v == null) {
            // Redis answers a missing key before it looks at the expiry value
            reply.nullBulk();
            return;
        }
        long expireAt = opts.hasExpire() ? opts.expireAt(ctx, args) : 0;
        reply.bulk(v.array(), 0, v.length());
        if (opts.absolute() && expireAt <= ctx.now()) {
            db.delete(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else if (opts.hasExpire()) {
            db.setExpire(key, expireAt);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "expire", key);
        } else if (opts.has(ExtendedOptions.PERSIST) && db.persist(key)) {
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "persist", key);
        }
    }

    private static void mget(CommandContext ctx, Arguments args, ReplySink reply) {
        int n = args.count() - 1;
        Database db = ctx.db();
        reply.array(n);
        for (int i = 1; i <= n; i++) {
            RedisValue v = db.lookupRead(args.get(i));
            if (v instanceof StringValue s) {
                reply.bulk(s.array(), 0, s.length());
            } else {
                reply.nullBulk();
            }
        }
    }
}
