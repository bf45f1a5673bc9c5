package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** ZREM and the ZREMRANGEBY* commands ({@code zremrangeGenericCommand}); emptied sets are deleted. */
final class RemoveCommands {

    private RemoveCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("zrem", RemoveCommands::zrem);
        r.redisCommand("zremrangebyrank", RemoveCommands::byRank);
        r.redisCommand("zremrangebyscore", RemoveCommands::byScore);
        r.redisCommand("zremrangebylex", RemoveCommands::byLex);
    }

    private static void zrem(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        byte[] key = args.get(1);
        SortedSet z = Lookup.write(db, key);
        if (z == null) {
            reply.integer(0);
            return;
        }
        long deleted = 0;
        for (int j = 2; j < args.count(); j++) {
            if (z.store().remove(args.get(j))) {
                deleted++;
                if (z.size() == 0) {
                    break;
                }
            }
        }
        afterRemoval(db, key, z, deleted, "zrem");
        ctx.countChanges(deleted);
        reply.integer(deleted);
    }

    /** Publishes {@code event}, then deletes an emptied set (event {@code del}) or signals the change. */
    static void afterRemoval(Database db, byte[] key, SortedSet z, long removed, String event) {
        if (removed == 0) {
            return;
        }
        if (z.size() == 0) {
            db.delete(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.ZSET, event, key);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else {
            db.modified(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.ZSET, event, key);
        }
    }

    private static void byRank(CommandContext ctx, Arguments args, ReplySink reply) {
        long start = args.longValue(2);
        long end = args.longValue(3);
        Database db = ctx.db();
        byte[] key = args.get(1);
        SortedSet z = Lookup.write(db, key);
        if (z == null) {
            reply.integer(0);
            return;
        }
        long[] span = Ranges.clampRanks(start, end, z.size());
        if (span == null) {
            reply.integer(0);
            return;
        }
        removeSpan(ctx, key, z, (int) span[0], (int) (span[1] - span[0] + 1), reply, "zremrangebyrank");
    }

    private static void byScore(CommandContext ctx, Arguments args, ReplySink reply) {
        ScoreRange range = ScoreRange.parse(args.get(2), args.get(3));
        Database db = ctx.db();
        byte[] key = args.get(1);
        SortedSet z = Lookup.write(db, key);
        if (z == null) {
            reply.integer(0);
            return;
        }
        int[] span = Ranges.spanOf(z.store(), range);
        removeSpan(ctx, key, z, span[0], span[1], reply, "zremrangebyscore");
    }

    private static void byLex(CommandContext ctx, Arguments args, ReplySink reply) {
        LexRange range = LexRange.parse(args.get(2), args.get(3));
        Database db = ctx.db();
        byte[] key = args.get(1);
        SortedSet z = Lookup.write(db, key);
        if (z == null) {
            reply.integer(0);
            return;
        }
        int[] span = Ranges.lexRun(z.store(), range);
        removeSpan(ctx, key, z, span[0], span[1], reply, "zremrangebylex");
    }

    /** Removes a run of ranks; one change per element removed ({@code zremrangeGenericCommand}). */
    private static void removeSpan(CommandContext ctx, byte[] key, SortedSet z, int first, int count, ReplySink reply,
                                   String event) {
        if (count > 0) {
            z.store().removeRanks(first, first + count);
        }
        afterRemoval(ctx.db(), key, z, count, event);
        ctx.countChanges(count);
        reply.integer(count);
    }
}
