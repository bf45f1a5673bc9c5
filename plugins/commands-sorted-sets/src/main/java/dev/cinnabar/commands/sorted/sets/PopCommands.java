package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;

/** ZPOPMIN, ZPOPMAX and ZMPOP ({@code genericZpopCommand}); the blocking forms are in {@link BlockingPopCommands}. */
final class PopCommands {

    private PopCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("zpopmin", (ctx, a, reply) -> zpop(ctx, a, reply, false));
        r.redisCommand("zpopmax", (ctx, a, reply) -> zpop(ctx, a, reply, true));
        r.redisCommand("zmpop", PopCommands::zmpop);
    }

    private static void zpop(CommandContext ctx, Arguments args, ReplySink reply, boolean max) {
        if (args.count() > 3) {
            throw CommandException.syntax();
        }
        long count = -1;
        if (args.count() == 3) {
            // getPositiveLongFromObjectOrReply answers the same text for junk and negatives
            count = args.longValue(2, Errors.OUT_OF_RANGE_POSITIVE);
            if (count < 0) {
                throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
            }
        }
        boolean nested = reply.protocol() > 2 && count != -1;
        Database db = ctx.db();
        byte[] key = args.get(1);
        SortedSet z = Lookup.write(db, key);
        if (z == null || count == 0) {
            reply.array(0);
            return;
        }
        Entries popped = pop(db, key, z, max, count == -1 ? 1 : count);
        ctx.countChanges(popped.size()); // genericZpopCommand: one change per element popped
        reply.array(nested ? popped.size() : popped.size() * 2);
        for (int i = 0; i < popped.size(); i++) {
            if (nested) {
                reply.array(2);
            }
            reply.bulk(popped.member(i));
            reply.doubleValue(popped.score(i));
        }
    }

    /** Removes up to {@code count} elements from the low or high end, deleting the key when emptied. */
    static Entries pop(Database db, byte[] key, SortedSet z, boolean max, long count) {
        int n = (int) Math.min(count, z.size());
        Entries out = new Entries();
        ZSetStore store = z.store();
        int[] left = {n};
        store.visit(max ? store.size() - 1 : 0, max, (m, s) -> {
            out.add(m, s);
            return --left[0] > 0;
        });
        if (max) {
            store.removeRanks(store.size() - n, store.size());
        } else {
            store.removeRanks(0, n);
        }
        RemoveCommands.afterRemoval(db, key, z, n, max ? "zpopmax" : "zpopmin");
        return out;
    }

    private static void zmpop(CommandContext ctx, Arguments args, ReplySink reply) {
        ZmpopArguments a = ZmpopArguments.parse(args, 1);
        if (!popFirstNonEmpty(ctx, a, reply)) {
            reply.nullArray();
        }
    }

    /**
     * Pops from the first of {@code a}'s keys that holds a sorted set, replying in the ZMPOP shape;
     * false, with nothing written, when none does. WRONGTYPE for a key of another type met first.
     */
    static boolean popFirstNonEmpty(CommandContext ctx, ZmpopArguments a, ReplySink reply) {
        for (byte[] key : a.keys()) {
            SortedSet z = Lookup.write(ctx.db(), key);
            if (z != null) {
                replyWithKey(ctx, key, z, a.max(), a.count(), reply);
                return true;
            }
        }
        return false;
    }

    /**
     * Pops and replies {@code [key, [[member, score], ...]]} in both protocols, as ZMPOP; written
     * to the AOF as ZPOPMIN/ZPOPMAX of the count popped and counted as that many changes, as Redis
     * does (also when BZMPOP is served later).
     */
    static void replyWithKey(CommandContext ctx, byte[] key, SortedSet z, boolean max, long count, ReplySink reply) {
        Entries popped = pop(ctx.db(), key, z, max, count);
        ctx.countChanges(popped.size());
        ctx.propagate((max ? "ZPOPMAX" : "ZPOPMIN").getBytes(java.nio.charset.StandardCharsets.US_ASCII), key,
                Long.toString(popped.size()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        reply.array(2);
        reply.bulk(key);
        reply.array(popped.size());
        for (int i = 0; i < popped.size(); i++) {
            reply.array(2);
            reply.bulk(popped.member(i));
            reply.doubleValue(popped.score(i));
        }
    }
}
