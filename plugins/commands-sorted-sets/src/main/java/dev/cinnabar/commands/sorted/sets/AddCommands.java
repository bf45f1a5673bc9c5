package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** ZADD and ZINCRBY ({@code zaddGenericCommand}, {@code zsetAdd}). */
final class AddCommands {

    private AddCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("zadd", (ctx, args, reply) -> zadd(ctx, args, reply, false));
        r.redisCommand("zincrby", (ctx, args, reply) -> zadd(ctx, args, reply, true));
    }

    private static final int NX = 1, XX = 2, GT = 4, LT = 8, CH = 16, INCR = 32;

    private static void zadd(CommandContext ctx, Arguments args, ReplySink reply, boolean zincrby) {
        int flags = zincrby ? INCR : 0;
        int scoreIdx = 2;
        int argc = args.count();
        if (!zincrby) {
            for (; scoreIdx < argc; scoreIdx++) {
                if (args.is(scoreIdx, "nx")) {
                    flags |= NX;
                } else if (args.is(scoreIdx, "xx")) {
                    flags |= XX;
                } else if (args.is(scoreIdx, "ch")) {
                    flags |= CH;
                } else if (args.is(scoreIdx, "incr")) {
                    flags |= INCR;
                } else if (args.is(scoreIdx, "gt")) {
                    flags |= GT;
                } else if (args.is(scoreIdx, "lt")) {
                    flags |= LT;
                } else {
                    break;
                }
            }
        }
        boolean incr = (flags & INCR) != 0, nx = (flags & NX) != 0, xx = (flags & XX) != 0;
        boolean gt = (flags & GT) != 0, lt = (flags & LT) != 0;
        int elements = argc - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            throw CommandException.syntax();
        }
        elements /= 2;
        if (nx && xx) {
            throw new CommandException(SortedSetErrors.XX_AND_NX);
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandException(SortedSetErrors.GT_LT_NX);
        }
        if (incr && elements > 1) {
            throw new CommandException(SortedSetErrors.INCR_SINGLE_PAIR);
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = Scores.parse(args.get(scoreIdx + j * 2));
        }

        byte[] key = args.get(1);
        Database db = ctx.db();
        SortedSet zset = db.lookupWrite(key, SortedSet.class);
        boolean created = false;
        if (zset == null) {
            if (xx) {
                replyNothing(reply, incr);
                return;
            }
            zset = SortedSet.create(SortedSet.Limits.of(ctx), args.get(scoreIdx + 1).length);
            created = true;
        }

        long added = 0, updated = 0, processed = 0;
        double lastScore = 0;
        try {
            for (int j = 0; j < elements; j++) {
                byte[] member = args.get(scoreIdx + 1 + j * 2);
                double score = scores[j];
                double current = zset.score(member);
                if (!Double.isNaN(current)) {
                    if (nx) {
                        continue;
                    }
                    if (incr) {
                        score += current;
                        if (Double.isNaN(score)) {
                            throw new CommandException(SortedSetErrors.RESULT_NAN);
                        }
                    }
                    if ((lt && score >= current) || (gt && score <= current)) {
                        continue;
                    }
                    lastScore = score;
                    processed++;
                    if (score != current) {
                        zset.updateScore(member, current, score);
                        updated++;
                    }
                } else if (!xx) {
                    zset.insert(member, score, ctx);
                    lastScore = score;
                    added++;
                    processed++;
                }
            }
        } finally {
            if (created && zset.size() > 0) {
                db.set(key, zset);
            } else if (added + updated > 0) {
                db.modified(key);
            }
            // zaddGenericCommand: server.dirty += added + updated; a score set to itself is no change
            ctx.countChanges(added + updated);
            if (added + updated > 0) {
                db.notifyKeyspaceEvent(KeyspaceEvents.ZSET, incr ? "zincr" : "zadd", key);
            }
        }
        if (incr) {
            if (processed > 0) {
                reply.doubleValue(lastScore);
            } else {
                reply.nullBulk();
            }
        } else {
            reply.integer((flags & CH) != 0 ? added + updated : added);
        }
    }

    private static void replyNothing(ReplySink reply, boolean incr) {
        if (incr) {
            reply.nullBulk();
        } else {
            reply.integer(0);
        }
    }
}
