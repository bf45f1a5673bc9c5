package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;

import java.util.concurrent.ThreadLocalRandom;

/** ZRANDMEMBER ({@code zrandmemberCommand}, {@code zrandmemberWithCountCommand}). */
final class RandMemberCommand {

    private RandMemberCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("zrandmember", RandMemberCommand::zrandmember);
    }

    private static void zrandmember(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() >= 3) {
            long count = args.longValue(2);
            if (count == Long.MIN_VALUE) {
                throw new CommandException(SortedSetErrors.RANDMEMBER_COUNT_RANGE);
            }
            boolean withScores = false;
            if (args.count() > 4 || (args.count() == 4 && !args.is(3, "withscores"))) {
                throw CommandException.syntax();
            } else if (args.count() == 4) {
                withScores = true;
                if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                    throw new CommandException(SortedSetErrors.OUT_OF_RANGE);
                }
            }
            withCount(ctx, args, reply, count, withScores);
            return;
        }
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        if (z == null) {
            reply.nullBulk();
            return;
        }
        reply.bulk(z.store().memberAt(ThreadLocalRandom.current().nextInt(z.size())));
    }

    private static void withCount(CommandContext ctx, Arguments args, ReplySink reply, long count, boolean withScores) {
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        if (z == null || z.size() == 0 || count == 0) {
            reply.array(0);
            return;
        }
        ZSetStore store = z.store();
        int size = store.size();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (count < 0) {
            // repetitions allowed: every pick is independent, streamed rather than collected
            // (a reply header holds an int: larger counts are refused rather than mis-framed)
            long n = -count;
            if (n > Integer.MAX_VALUE / 2) {
                throw new CommandException(SortedSetErrors.OUT_OF_RANGE);
            }
            boolean pairs = withScores && reply.protocol() > 2;
            reply.array((int) (withScores && !pairs ? n * 2 : n));
            for (long i = 0; i < n; i++) {
                int rank = rnd.nextInt(size);
                if (pairs) {
                    reply.array(2);
                }
                reply.bulk(store.memberAt(rank));
                if (withScores) {
                    reply.doubleValue(store.scoreAt(rank));
                }
            }
            return;
        }
        if (count >= size) {
            // Redis 7.0 hands the whole set back highest first here
            Ranges.byRank(store, 0, -1, true).reply(reply, withScores);
            return;
        }
        // distinct picks: a partial Fisher-Yates shuffle of the ranks
        int n = (int) count;
        int[] ranks = new int[size];
        for (int i = 0; i < size; i++) {
            ranks[i] = i;
        }
        Entries picks = new Entries();
        for (int i = 0; i < n; i++) {
            int k = i + rnd.nextInt(size - i);
            int t = ranks[k];
            ranks[k] = ranks[i];
            ranks[i] = t;
            picks.add(store.memberAt(t), store.scoreAt(t));
        }
        picks.reply(reply, withScores);
    }
}
