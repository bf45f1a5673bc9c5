package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.MemberCollection;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.ValueType;
import dev.cinnabar.api.reply.ReplySink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD ({@code zunionInterDiffGenericCommand}).
 * Sources may be sorted sets or plain sets (read through the API's {@link MemberCollection}).
 */
final class SetOperationCommands {

    private SetOperationCommands() {
    }

    private enum Op { UNION, INTER, DIFF }

    private enum Aggregate { SUM, MIN, MAX }

    static void register(CommandRegistrar r) {
        r.redisCommand("zunion", (ctx, a, reply) -> run(ctx, a, reply, false, Op.UNION, false));
        r.redisCommand("zinter", (ctx, a, reply) -> run(ctx, a, reply, false, Op.INTER, false));
        r.redisCommand("zdiff", (ctx, a, reply) -> run(ctx, a, reply, false, Op.DIFF, false));
        r.redisCommand("zunionstore", (ctx, a, reply) -> run(ctx, a, reply, true, Op.UNION, false));
        r.redisCommand("zinterstore", (ctx, a, reply) -> run(ctx, a, reply, true, Op.INTER, false));
        r.redisCommand("zdiffstore", (ctx, a, reply) -> run(ctx, a, reply, true, Op.DIFF, false));
        r.redisCommand("zintercard", (ctx, a, reply) -> run(ctx, a, reply, false, Op.INTER, true));
    }

    /**
     * One input and its weight: a sorted set, a plain set read through {@link MemberCollection}
     * (every member scores 1, as {@code zuiNext}/{@code zuiFind} give for {@code OBJ_SET}), or
     * nothing for a missing key.
     */
    private static final class Source {
        final ZSetStore zset;
        final MemberCollection set;
        double weight = 1;

        Source(ZSetStore zset, MemberCollection set) {
            this.zset = zset;
            this.set = set;
        }

        int size() {
            return zset != null ? zset.size() : set != null ? set.memberCount() : 0;
        }

        /** The member's score here, NaN when absent. */
        double score(byte[] member) {
            if (zset != null) {
                return zset.score(member);
            }
            return set != null && set.containsMember(member) ? 1.0 : Double.NaN;
        }

        /** Visits every element (members of a plain set with score 1) until the visitor stops. */
        void visit(ZSetStore.EntryVisitor visitor) {
            if (zset != null) {
                zset.visit(0, false, visitor);
            } else if (set != null) {
                set.forEachMember(m -> visitor.visit(m, 1.0));
            }
        }
    }

    /** The source under {@code key}: WRONGTYPE unless it is missing, a sorted set or a set. */
    private static Source source(Database db, byte[] key) {
        RedisValue v = db.lookupRead(key); // read lookups for STORE too: they count hits and misses
        if (v == null) {
            return new Source(null, null);
        }
        if (v instanceof SortedSet z) {
            return new Source(z.store(), null);
        }
        if (v.type() == ValueType.SET && v instanceof MemberCollection set) {
            return new Source(null, set);
        }
        throw CommandException.wrongType();
    }

    private static void run(CommandContext ctx, Arguments args, ReplySink reply, boolean store, Op op,
                            boolean cardinalityOnly) {
        int numkeysIdx = store ? 2 : 1;
        long setnum = args.longValue(numkeysIdx);
        if (setnum < 1) {
            throw new CommandException(SortedSetErrors.atLeastOneKey(ctx.commandName()));
        }
        if (setnum > args.count() - (numkeysIdx + 1)) {
            throw CommandException.syntax();
        }
        Database db = ctx.db();
        Source[] src = new Source[(int) setnum];
        int j = numkeysIdx + 1;
        for (int i = 0; i < setnum; i++, j++) {
            src[i] = source(db, args.get(j));
        }
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        int remaining = args.count() - j;
        while (remaining > 0) {
            if (op != Op.DIFF && !cardinalityOnly && remaining >= setnum + 1 && args.is(j, "weights")) {
                j++;
                remaining--;
                for (int i = 0; i < setnum; i++, j++, remaining--) {
                    src[i].weight = Scores.parse(args.get(j), SortedSetErrors.WEIGHT_NOT_FLOAT);
                }
            } else if (op != Op.DIFF && !cardinalityOnly && remaining >= 2 && args.is(j, "aggregate")) {
                j++;
                remaining--;
                if (args.is(j, "sum")) {
                    aggregate = Aggregate.SUM;
                } else if (args.is(j, "min")) {
                    aggregate = Aggregate.MIN;
                } else if (args.is(j, "max")) {
                    aggregate = Aggregate.MAX;
                } else {
                    throw CommandException.syntax();
                }
                j++;
                remaining--;
            } else if (remaining >= 1 && !store && !cardinalityOnly && args.is(j, "withscores")) {
                j++;
                remaining--;
                withScores = true;
            } else if (cardinalityOnly && remaining >= 2 && args.is(j, "limit")) {
                j++;
                remaining--;
                try {
                    limit = Numbers.parseLong(args.get(j));
                } catch (NumberFormatException e) {
                    throw new CommandException(SortedSetErrors.LIMIT_NEGATIVE);
                }
                if (limit < 0) {
                    throw new CommandException(SortedSetErrors.LIMIT_NEGATIVE);
                }
                j++;
                remaining--;
            } else {
                throw CommandException.syntax();
            }
        }
        if (op != Op.DIFF) {
            // smallest first, as Redis sorts its sources before intersecting or uniting
            Arrays.sort(src, Comparator.comparingInt(Source::size));
        }

        if (cardinalityOnly) {
            reply.integer(interCard(src, limit));
            return;
        }
        Entries result = switch (op) {
            case UNION -> union(src, aggregate);
            case INTER -> inter(src, aggregate);
            case DIFF -> diff(src);
        };
        if (store) {
            reply.integer(result.store(ctx, args.get(1)));
        } else {
            result.reply(reply, withScores);
        }
    }

    /** One result element while it is being computed (union aggregates into the score). */
    private static final class Scored {
        final byte[] member;
        double score;

        Scored(byte[] member, double score) {
            this.member = member;
            this.score = score;
        }
    }

    private static double weighted(Source s, double score) {
        double v = s.weight * score;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double aggregate(Aggregate a, double target, double val) {
        switch (a) {
            case SUM:
                double sum = target + val;
                return Double.isNaN(sum) ? 0 : sum;
            case MIN:
                return val < target ? val : target;
            default:
                return val > target ? val : target;
        }
    }

    private static long interCard(Source[] src, long limit) {
        if (src[0].size() == 0) {
            return 0;
        }
        long[] count = {0};
        src[0].visit((m, s) -> {
            for (int i = 1; i < src.length; i++) {
                if (Double.isNaN(src[i].score(m))) {
                    return true;
                }
            }
            count[0]++;
            return limit == 0 || count[0] < limit;
        });
        return count[0];
    }

    private static Entries inter(Source[] src, Aggregate agg) {
        List<Scored> out = new ArrayList<>();
        if (src[0].size() > 0) {
            src[0].visit((m, s) -> {
                double score = weighted(src[0], s);
                for (int i = 1; i < src.length; i++) {
                    double other = src[i].score(m);
                    if (Double.isNaN(other)) {
                        return true;
                    }
                    score = aggregate(agg, score, weighted(src[i], other));
                }
                out.add(new Scored(m, score));
                return true;
            });
        }
        return sorted(out);
    }

    private static Entries union(Source[] src, Aggregate agg) {
        Map<ByteBuffer, Scored> acc = new HashMap<>();
        List<Scored> order = new ArrayList<>();
        for (Source source : src) {
            if (source.size() == 0) {
                continue;
            }
            source.visit((m, s) -> {
                double score = weighted(source, s);
                Scored e = acc.get(ByteBuffer.wrap(m));
                if (e == null) {
                    e = new Scored(m, score);
                    acc.put(ByteBuffer.wrap(m), e);
                    order.add(e);
                } else {
                    e.score = aggregate(agg, e.score, score);
                }
                return true;
            });
        }
        return sorted(order);
    }

    private static Entries diff(Source[] src) {
        List<Scored> out = new ArrayList<>();
        if (src[0].size() > 0) {
            src[0].visit((m, s) -> {
                for (int i = 1; i < src.length; i++) {
                    if (!Double.isNaN(src[i].score(m))) {
                        return true;
                    }
                }
                out.add(new Scored(m, s));
                return true;
            });
        }
        return sorted(out);
    }

    private static Entries sorted(List<Scored> elements) {
        elements.sort((a, b) -> ZOrder.compare(a.score, a.member, b.score, b.member));
        Entries out = new Entries();
        for (Scored e : elements) {
            out.add(e.member, e.score);
        }
        return out;
    }
}
