package dev.cinnabar.commands.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE. */
final class AlgebraCommands {

    private AlgebraCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("sinter", AlgebraCommands::sinter);
        r.redisCommand("sintercard", AlgebraCommands::sintercard);
        r.redisCommand("sinterstore", AlgebraCommands::sinterstore);
        r.redisCommand("sunion", (ctx, args, reply) -> replyMembers(SetAlgebra.union(sources(ctx.db(), args, 1, false), SetLookup.maxIntsetEntries(ctx)), reply));
        r.redisCommand("sunionstore", (ctx, args, reply) -> store(ctx, args.get(1), SetAlgebra.union(sources(ctx.db(), args, 2, true), SetLookup.maxIntsetEntries(ctx)), reply));
        r.redisCommand("sdiff", (ctx, args, reply) -> replyMembers(SetAlgebra.difference(sources(ctx.db(), args, 1, false), SetLookup.maxIntsetEntries(ctx)), reply));
        r.redisCommand("sdiffstore", (ctx, args, reply) -> store(ctx, args.get(1), SetAlgebra.difference(sources(ctx.db(), args, 2, true), SetLookup.maxIntsetEntries(ctx)), reply));
    }

    static void sinter(CommandContext ctx, Arguments args, ReplySink reply) {
        SetAlgebra.Intersection in = SetAlgebra.intersect(sources(ctx.db(), args, 1, false), 0, false);
        reply.set(in.count);
        for (int k = 0; k < in.count; k++) {
            in.base.replyMember(in.indexes[k], reply);
        }
    }

    static void sinterstore(CommandContext ctx, Arguments args, ReplySink reply) {
        SetAlgebra.Intersection in = SetAlgebra.intersect(sources(ctx.db(), args, 2, true), 0, false);
        store(ctx, args.get(1), SetAlgebra.toSet(in, SetLookup.maxIntsetEntries(ctx)), reply);
    }

    /** {@code SINTERCARD numkeys key [key ...] [LIMIT limit]}: argument errors come before any key is read. */
    static void sintercard(CommandContext ctx, Arguments args, ReplySink reply) {
        long numkeys = args.longValue(1, SetErrors.NUMKEYS_NOT_POSITIVE);
        if (numkeys < 1) {
            throw new CommandException(SetErrors.NUMKEYS_NOT_POSITIVE);
        }
        if (numkeys > args.count() - 2) {
            throw new CommandException(SetErrors.NUMKEYS_EXCEED_ARGS);
        }
        int keys = (int) numkeys;
        long limit = 0;
        for (int j = 2 + keys; j < args.count(); j++) {
            if (Arguments.isKeyword(args.get(j), "limit") && j + 1 < args.count()) {
                j++;
                limit = args.longValue(j, SetErrors.LIMIT_NEGATIVE);
                if (limit < 0) {
                    throw new CommandException(SetErrors.LIMIT_NEGATIVE);
                }
            } else {
                throw CommandException.syntax();
            }
        }
        Database db = ctx.db();
        SetValue[] sets = new SetValue[keys];
        for (int i = 0; i < keys; i++) {
            sets[i] = SetLookup.read(db, args.get(2 + i));
        }
        reply.integer(SetAlgebra.intersect(sets, limit, true).count);
    }

    /**
     * The source sets named from argument {@code from} on, looked up in order (the first wrong
     * type is the error even after a missing key); the *STORE forms look up for writing, as Redis.
     */
    private static SetValue[] sources(Database db, Arguments args, int from, boolean forWrite) {
        SetValue[] sets = new SetValue[args.count() - from];
        for (int i = 0; i < sets.length; i++) {
            byte[] key = args.get(from + i);
            sets[i] = forWrite ? SetLookup.write(db, key) : SetLookup.read(db, key);
        }
        return sets;
    }

    /** A computed set as a set reply, in its own order (numeric for an intset). */
    static void replyMembers(SetValue set, ReplySink reply) {
        int n = set.size();
        reply.set(n);
        for (int i = 0; i < n; i++) {
            set.replyMember(i, reply);
        }
    }

    /** Stores a *STORE result, clearing any TTL (setKey); an empty result deletes the destination. */
    private static void store(CommandContext ctx, byte[] dstKey, SetValue result, ReplySink reply) {
        Database db = ctx.db();
        int n = result.size();
        if (n > 0) {
            db.set(dstKey, result);
            // the event is the command's name: sinterstore, sunionstore, sdiffstore
            db.notifyKeyspaceEvent(KeyspaceEvents.SET, ctx.commandName(), dstKey);
        } else if (db.delete(dstKey)) {
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", dstKey);
        }
        reply.integer(n);
    }
}
