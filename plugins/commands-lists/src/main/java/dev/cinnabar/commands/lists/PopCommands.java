package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;

/** {@code LPOP}, {@code RPOP} and {@code LMPOP}. */
final class PopCommands {

    private PopCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("lpop", (ctx, args, reply) -> pop(ctx, args, reply, true));
        r.redisCommand("rpop", (ctx, args, reply) -> pop(ctx, args, reply, false));
        r.redisCommand("lmpop", (ctx, args, reply) -> {
            MpopArguments a = MpopArguments.parse(args, 1);
            if (!popFirstNonEmpty(ctx, a, reply)) {
                reply.nullArray();
            }
        });
    }

    /**
     * {@code popGenericCommand}: without a count one bulk (null bulk for a missing key); with a
     * count an array (null array for a missing key, an empty array for count 0).
     */
    private static void pop(CommandContext ctx, Arguments args, ReplySink reply, boolean left) {
        if (args.count() > 3) {
            throw new CommandException(Errors.arity(ctx.commandName()));
        }
        boolean hasCount = args.count() == 3;
        long count = 0;
        if (hasCount) {
            count = args.longValue(2, Errors.OUT_OF_RANGE_POSITIVE);
            if (count < 0) {
                throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
            }
        }
        Database db = ctx.db();
        byte[] key = args.get(1);
        ListValue list = Lists.write(db, key);
        if (list == null) {
            if (hasCount) {
                reply.nullArray();
            } else {
                reply.nullBulk();
            }
            return;
        }
        if (!hasCount) {
            reply.bulk(list.remove(left));
            Lists.removed(db, key, list, Lists.popEvent(left));
            return;
        }
        if (count == 0) {
            reply.array(0);
            return;
        }
        long popped = Math.min(count, list.size());
        Lists.popRange(db, key, list, left, count, reply);
        ctx.countChanges(popped); // one change per element popped, as Redis counts a pop with a count
    }

    /**
     * Pops from the first non-empty list of {@code a.keys} and replies {@code [key, [elements]]};
     * false when every list is missing ({@code mpopGenericCommand}, also BLMPOP's first try).
     */
    static boolean popFirstNonEmpty(CommandContext ctx, MpopArguments a, ReplySink reply) {
        for (byte[] key : a.keys()) {
            ListValue list = Lists.write(ctx.db(), key);
            if (list != null && !list.isEmpty()) {
                replyWithKey(ctx, key, list, a.left(), a.count(), reply);
                return true;
            }
        }
        return false;
    }

    /**
     * {@code listPopRangeAndReplyWithKey}; written to the AOF as LPOP/RPOP of the count popped, and
     * counted as that many changes, as Redis does (also when BLMPOP is served later).
     */
    static void replyWithKey(CommandContext ctx, byte[] key, ListValue list, boolean left, long count, ReplySink reply) {
        long popped = Math.min(count, list.size());
        reply.array(2);
        reply.bulk(key);
        Lists.popRange(ctx.db(), key, list, left, count, reply);
        ctx.countChanges(popped);
        ctx.propagate(ascii(left ? "LPOP" : "RPOP"), key, ascii(Long.toString(popped)));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
