package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;

/** ZRANGE and its older forms, and ZRANGESTORE: one parser, as {@code zrangeGenericCommand}. */
final class RangeCommands {

    private RangeCommands() {
    }

    private enum Type { AUTO, RANK, SCORE, LEX }

    static void register(CommandRegistrar r) {
        r.redisCommand("zrange", (ctx, a, reply) -> zrange(ctx, a, reply, 1, false, Type.AUTO, null));
        r.redisCommand("zrangestore", (ctx, a, reply) -> zrange(ctx, a, reply, 2, true, Type.AUTO, null));
        r.redisCommand("zrevrange", (ctx, a, reply) -> zrange(ctx, a, reply, 1, false, Type.RANK, true));
        r.redisCommand("zrangebyscore", (ctx, a, reply) -> zrange(ctx, a, reply, 1, false, Type.SCORE, false));
        r.redisCommand("zrevrangebyscore", (ctx, a, reply) -> zrange(ctx, a, reply, 1, false, Type.SCORE, true));
        r.redisCommand("zrangebylex", (ctx, a, reply) -> zrange(ctx, a, reply, 1, false, Type.LEX, false));
        r.redisCommand("zrevrangebylex", (ctx, a, reply) -> zrange(ctx, a, reply, 1, false, Type.LEX, true));
    }

    private static void zrange(CommandContext ctx, Arguments args, ReplySink reply, int keyIdx, boolean store,
                               Type type, Boolean reverse) {
        boolean withScores = false;
        long offset = 0, limit = -1;
        int argc = args.count();
        for (int j = keyIdx + 3; j < argc; j++) {
            int left = argc - j - 1;
            if (!store && args.is(j, "withscores")) {
                withScores = true;
            } else if (args.is(j, "limit") && left >= 2) {
                offset = args.longValue(j + 1);
                limit = args.longValue(j + 2);
                j += 2;
            } else if (reverse == null && args.is(j, "rev")) {
                reverse = true;
            } else if (type == Type.AUTO && args.is(j, "bylex")) {
                type = Type.LEX;
            } else if (type == Type.AUTO && args.is(j, "byscore")) {
                type = Type.SCORE;
            } else {
                throw CommandException.syntax();
            }
        }
        if (reverse == null) {
            reverse = false;
        }
        if (type == Type.AUTO) {
            type = Type.RANK;
        }
        if (limit != -1 && type == Type.RANK) {
            throw new CommandException(SortedSetErrors.LIMIT_ONLY_WITH_BY);
        }
        if (withScores && type == Type.LEX) {
            throw new CommandException(SortedSetErrors.WITHSCORES_WITH_BYLEX);
        }
        int minIdx = keyIdx + 1, maxIdx = keyIdx + 2;
        if (reverse && type != Type.RANK) {
            // the range is given as max, min
            minIdx = keyIdx + 2;
            maxIdx = keyIdx + 1;
        }
        long start = 0, end = 0;
        ScoreRange scoreRange = null;
        LexRange lexRange = null;
        switch (type) {
            case SCORE -> scoreRange = ScoreRange.parse(args.get(minIdx), args.get(maxIdx));
            case LEX -> lexRange = LexRange.parse(args.get(minIdx), args.get(maxIdx));
            default -> {
                start = args.longValue(minIdx);
                end = args.longValue(maxIdx);
            }
        }

        SortedSet zset = Lookup.read(ctx.db(), args.get(keyIdx));
        Entries result;
        if (zset == null) {
            result = new Entries();
        } else {
            result = switch (type) {
                case SCORE -> Ranges.byScore(zset.store(), scoreRange, reverse, offset, limit);
                case LEX -> Ranges.byLex(zset.store(), lexRange, reverse, offset, limit);
                default -> Ranges.byRank(zset.store(), start, end, reverse);
            };
        }
        if (store) {
            reply.integer(result.store(ctx, args.get(1)));
        } else {
            result.reply(reply, withScores);
        }
    }
}
