package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;

import java.util.Arrays;

/** {@code LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]} ({@code lposCommand}). */
final class LposCommand {

    private LposCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("lpos", LposCommand::lpos);
    }

    private static void lpos(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] element = args.get(2);
        long rank = 1;
        long count = -1; // -1: no COUNT option, reply a single index
        long maxlen = 0;
        for (int j = 3; j < args.count(); j++) {
            boolean moreArgs = j < args.count() - 1;
            if (args.is(j, "rank") && moreArgs) {
                rank = args.longValue(++j);
                if (rank == 0) {
                    throw new CommandException(ListErrors.LPOS_RANK_ZERO);
                }
            } else if (args.is(j, "count") && moreArgs) {
                count = nonNegative(args, ++j, ListErrors.LPOS_COUNT_NEGATIVE);
            } else if (args.is(j, "maxlen") && moreArgs) {
                maxlen = nonNegative(args, ++j, ListErrors.LPOS_MAXLEN_NEGATIVE);
            } else {
                throw CommandException.syntax();
            }
        }
        boolean fromTail = rank < 0;
        if (fromTail) {
            rank = -rank; // Long.MIN_VALUE stays negative, so every match qualifies, as in Redis
        }
        ListValue list = Lists.read(ctx.db(), args.get(1));
        if (list == null) {
            if (count != -1) {
                reply.array(0);
            } else {
                reply.nullBulk();
            }
            return;
        }
        int llen = list.size();
        long matches = 0;
        if (count == -1) {
            for (int index = 0; index < llen && (maxlen == 0 || index < maxlen); index++) {
                int i = fromTail ? llen - index - 1 : index;
                if (Arrays.equals(list.get(i), element) && ++matches >= rank) {
                    reply.integer(i);
                    return;
                }
            }
            reply.nullBulk();
            return;
        }
        // The reply length is known only at the end (Redis defers it): collect the positions first.
        long[] found = new long[8];
        int n = 0;
        for (int index = 0; index < llen && (maxlen == 0 || index < maxlen); index++) {
            int i = fromTail ? llen - index - 1 : index;
            if (Arrays.equals(list.get(i), element) && ++matches >= rank) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
                if (count != 0 && matches - rank + 1 >= count) {
                    break;
                }
            }
        }
        reply.array(n);
        for (int k = 0; k < n; k++) {
            reply.integer(found[k]);
        }
    }

    private static long nonNegative(Arguments args, int i, String error) {
        long v = args.longValue(i, error);
        if (v < 0) {
            throw new CommandException(error);
        }
        return v;
    }
}
