package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code SET} with its options, {@code SETNX}, {@code SETEX}, {@code PSETEX}: Redis's {@code setGenericCommand}. */
final class SetCommands {

    private SetCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("set", SetCommands::set);
        r.redisCommand("setnx", (ctx, args, reply) -> {
            Database db = ctx.db();
            if (db.lookupWrite(args.get(1)) != null) {
                reply.integer(0);
                return;
            }
            db.set(args.get(1), StringValue.of(args.get(2)));
            db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "set", args.get(1));
            reply.integer(1);
        });
        r.redisCommand("setex", (ctx, args, reply) -> setWithExpire(ctx, args, reply, true));
        r.redisCommand("psetex", (ctx, args, reply) -> setWithExpire(ctx, args, reply, false));
    }

    private static void set(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() == 3) {
            // the benchmarked path: no option parsing, no allocation beyond the value holder
            Database db = ctx.db();
            byte[] key = args.get(1);
            db.set(key, StringValue.of(args.get(2)));
            db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "set", key);
            reply.ok();
            return;
        }
        setWithOptions(ctx, args, reply);
    }

    private static void setWithOptions(CommandContext ctx, Arguments args, ReplySink reply) {
        ExtendedOptions opts = ExtendedOptions.parseSet(args);
        byte[] key = args.get(1);
        Database db = ctx.db();
        long expireAt = opts.hasExpire() ? opts.expireAt(ctx, args) : 0;
        if (opts.has(ExtendedOptions.GET)) {
            // the old value is the reply, sent before the NX/XX decision (WRONGTYPE ends here)
            GetCommands.replyValue(db.getString(key), reply);
        }
        boolean found = db.lookupWrite(key) != null;
        if ((opts.has(ExtendedOptions.NX) && found) || (opts.has(ExtendedOptions.XX) && !found)) {
            if (!opts.has(ExtendedOptions.GET)) {
                reply.nullBulk();
            }
            return;
        }
        StringValue value = StringValue.of(args.get(2));
        if (opts.hasExpire()) {
            db.set(key, value, expireAt);
        } else if (opts.has(ExtendedOptions.KEEPTTL)) {
            db.setKeepTtl(key, value);
        } else {
            db.set(key, value);
        }
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "set", key);
        if (opts.hasExpire()) {
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "expire", key);
        }
        if (!opts.has(ExtendedOptions.GET)) {
            reply.ok();
        }
    }

    private static void setWithExpire(CommandContext ctx, Arguments args, ReplySink reply, boolean seconds) {
        long expireAt = ExtendedOptions.expireAt(ctx, args.get(2), seconds, true);
        Database db = ctx.db();
        db.set(args.get(1), StringValue.of(args.get(3)), expireAt);
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "set", args.get(1));
        db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "expire", args.get(1));
        reply.ok();
    }
}
