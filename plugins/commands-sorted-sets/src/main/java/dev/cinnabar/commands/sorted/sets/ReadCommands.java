package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;

/** The read-only single-key queries: ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT. */
final class ReadCommands {

    private ReadCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("zcard", ReadCommands::zcard);
        r.redisCommand("zscore", ReadCommands::zscore);
        r.redisCommand("zmscore", ReadCommands::zmscore);
        r.redisCommand("zrank", (ctx, a, reply) -> zrank(ctx, a, reply, false));
        r.redisCommand("zrevrank", (ctx, a, reply) -> zrank(ctx, a, reply, true));
        r.redisCommand("zcount", ReadCommands::zcount);
        r.redisCommand("zlexcount", ReadCommands::zlexcount);
    }

    private static void zcard(CommandContext ctx, Arguments args, ReplySink reply) {
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        reply.integer(z == null ? 0 : z.size());
    }

    private static void zscore(CommandContext ctx, Arguments args, ReplySink reply) {
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        double s = z == null ? Double.NaN : z.score(args.get(2));
        if (Double.isNaN(s)) {
            reply.nullBulk();
        } else {
            reply.doubleValue(s);
        }
    }

    private static void zmscore(CommandContext ctx, Arguments args, ReplySink reply) {
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        reply.array(args.count() - 2);
        for (int j = 2; j < args.count(); j++) {
            double s = z == null ? Double.NaN : z.score(args.get(j));
            if (Double.isNaN(s)) {
                reply.nullBulk();
            } else {
                reply.doubleValue(s);
            }
        }
    }

    private static void zrank(CommandContext ctx, Arguments args, ReplySink reply, boolean reverse) {
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        int rank = z == null ? -1 : z.store().rank(args.get(2));
        if (rank < 0) {
            reply.nullBulk();
        } else {
            reply.integer(reverse ? z.size() - 1 - rank : rank);
        }
    }

    private static void zcount(CommandContext ctx, Arguments args, ReplySink reply) {
        ScoreRange range = ScoreRange.parse(args.get(2), args.get(3));
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        reply.integer(z == null ? 0 : Ranges.spanOf(z.store(), range)[1]);
    }

    private static void zlexcount(CommandContext ctx, Arguments args, ReplySink reply) {
        LexRange range = LexRange.parse(args.get(2), args.get(3));
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        reply.integer(z == null ? 0 : Ranges.lexCount(z.store(), range));
    }
}
