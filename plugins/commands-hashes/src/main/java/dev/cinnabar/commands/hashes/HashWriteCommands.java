package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code HSET}, {@code HMSET}, {@code HSETNX}, {@code HDEL}. */
final class HashWriteCommands {

    private HashWriteCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("hset", (ctx, args, reply) -> reply.integer(set(ctx, args)));
        r.redisCommand("hmset", (ctx, args, reply) -> {
            set(ctx, args);
            reply.ok();
        });
        r.redisCommand("hsetnx", HashWriteCommands::hsetnx);
        r.redisCommand("hdel", HashWriteCommands::hdel);
    }

    /** Sets every pair; the number of new fields. The hot path: no allocation beyond the new pairs. */
    private static int set(CommandContext ctx, Arguments args) {
        int argc = args.count();
        if ((argc & 1) == 1) {
            // the table's arity (-4) lets an odd count through; Redis checks pairs itself
            throw new CommandException(Errors.arity(ctx.commandName()));
        }
        byte[] key = args.get(1);
        Database db = ctx.db();
        HashValue h = db.lookupWrite(key, HashValue.class);
        boolean created = h == null;
        if (created) {
            h = new HashValue();
        }
        ConfigView config = ctx.config();
        byte[][] argv = args.raw();
        if (h.isListpack()) {
            h.convertForArguments(argv, 2, argc - 1, config.getLong(HashValue.MAX_LISTPACK_VALUE));
        }
        long maxEntries = config.getLong(HashValue.MAX_LISTPACK_ENTRIES);
        int added = 0;
        for (int i = 2; i < argc; i += 2) {
            if (h.put(argv[i], argv[i + 1], maxEntries)) {
                added++;
            }
        }
        // hsetCommand counts every pair given, new field or not: server.dirty += (argc - 2) / 2
        int pairs = (argc - 2) / 2;
        if (created) {
            db.set(key, h);
            ctx.countChanges(pairs);
        } else {
            db.modified(key, pairs);
        }
        db.notifyKeyspaceEvent(KeyspaceEvents.HASH, "hset", key);
        return added;
    }

    private static void hsetnx(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] key = args.get(1);
        Database db = ctx.db();
        HashValue h = db.lookupWrite(key, HashValue.class);
        if (h != null && h.contains(args.get(2))) {
            reply.integer(0);
            return;
        }
        boolean created = h == null;
        if (created) {
            h = new HashValue();
        }
        ConfigView config = ctx.config();
        // 7.0.15 converts only when it really sets: an existing field leaves the encoding alone
        h.convertForArguments(args.raw(), 2, 3, config.getLong(HashValue.MAX_LISTPACK_VALUE));
        h.put(args.get(2), args.get(3), config.getLong(HashValue.MAX_LISTPACK_ENTRIES));
        if (created) {
            db.set(key, h);
        } else {
            db.modified(key);
        }
        db.notifyKeyspaceEvent(KeyspaceEvents.HASH, "hset", key);
        reply.integer(1);
    }

    private static void hdel(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] key = args.get(1);
        Database db = ctx.db();
        HashValue h = db.lookupWrite(key, HashValue.class);
        if (h == null) {
            reply.integer(0);
            return;
        }
        int deleted = 0;
        boolean keyRemoved = false;
        for (int i = 2; i < args.count(); i++) {
            if (h.remove(args.get(i))) {
                deleted++;
                if (h.size() == 0) {
                    // as Redis: the emptied hash goes and the remaining fields are not looked at
                    db.delete(key);
                    keyRemoved = true;
                    break;
                }
            }
        }
        if (deleted > 0 && !keyRemoved) {
            db.modified(key);
        }
        ctx.countChanges(deleted); // hdelCommand: server.dirty += deleted
        if (deleted > 0) {
            db.notifyKeyspaceEvent(KeyspaceEvents.HASH, "hdel", key);
        }
        if (keyRemoved) {
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        }
        reply.integer(deleted);
    }
}
