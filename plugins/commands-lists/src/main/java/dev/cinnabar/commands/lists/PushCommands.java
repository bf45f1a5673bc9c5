package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code LPUSH}, {@code RPUSH}, {@code LPUSHX}, {@code RPUSHX} and {@code LINSERT}. */
final class PushCommands {

    private PushCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("lpush", (ctx, args, reply) -> push(ctx, args, reply, true, false));
        r.redisCommand("rpush", (ctx, args, reply) -> push(ctx, args, reply, false, false));
        r.redisCommand("lpushx", (ctx, args, reply) -> push(ctx, args, reply, true, true));
        r.redisCommand("rpushx", (ctx, args, reply) -> push(ctx, args, reply, false, true));
        r.redisCommand("linsert", PushCommands::linsert);
    }

    /** {@code pushGenericCommand}: {@code onlyExisting} is the X variants. */
    private static void push(CommandContext ctx, Arguments args, ReplySink reply, boolean left, boolean onlyExisting) {
        Database db = ctx.db();
        byte[] key = args.get(1);
        ListValue list = Lists.write(db, key);
        if (list == null) {
            if (onlyExisting) {
                reply.integer(0);
                return;
            }
            list = new ListValue(ctx.config().getLong("list-max-listpack-size"));
            addAll(list, args, left);
            db.set(key, list);
        } else {
            addAll(list, args, left);
            db.modified(key);
        }
        ctx.countChanges(args.count() - 2); // pushGenericCommand: server.dirty += pushed
        db.notifyKeyspaceEvent(KeyspaceEvents.LIST, Lists.pushEvent(left), key);
        reply.integer(list.size());
    }

    private static void addAll(ListValue list, Arguments args, boolean left) {
        int n = args.count();
        for (int i = 2; i < n; i++) {
            list.add(left, args.get(i));
        }
    }

    /** {@code LINSERT key BEFORE|AFTER pivot element}: -1 when the pivot is missing, 0 when the key is. */
    private static void linsert(CommandContext ctx, Arguments args, ReplySink reply) {
        boolean after;
        if (args.is(2, "after")) {
            after = true;
        } else if (args.is(2, "before")) {
            after = false;
        } else {
            throw CommandException.syntax();
        }
        Database db = ctx.db();
        byte[] key = args.get(1);
        ListValue list = Lists.write(db, key);
        if (list == null) {
            reply.integer(0);
            return;
        }
        int pivot = list.indexOf(args.get(3));
        if (pivot < 0) {
            reply.integer(-1);
            return;
        }
        list.insert(after ? pivot + 1 : pivot, args.get(4));
        db.modified(key);
        db.notifyKeyspaceEvent(KeyspaceEvents.LIST, "linsert", key);
        reply.integer(list.size());
    }
}
