package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.BlockingTimeout;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.reply.ReplySink;

import java.util.Arrays;
import java.util.List;

/**
 * {@code BLPOP}, {@code BRPOP}, {@code BLMPOP}, {@code BLMOVE} and {@code BRPOPLPUSH}: the
 * non-blocking form when a list has elements, else the client is parked on the keys
 * ({@link CommandContext#block}) and served from the key that gets elements first
 * ({@code blockingPopGenericCommand}, {@code blmoveGenericCommand}, {@code serveClientBlockedOnList}).
 * Where blocking is not allowed (MULTI, scripts) they answer as on a timeout, at once.
 * Served later, BLPOP, BRPOP, BLMOVE and BRPOPLPUSH count no change, as Redis 7.0's
 * {@code serveClientBlockedOnList} adds nothing to {@code server.dirty}; BLMPOP counts what it pops.
 */
final class BlockingCommands {

    private BlockingCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("blpop", (ctx, args, reply) -> bpop(ctx, args, reply, true));
        r.redisCommand("brpop", (ctx, args, reply) -> bpop(ctx, args, reply, false));
        r.redisCommand("blmpop", BlockingCommands::blmpop);
        r.redisCommand("blmove", (ctx, args, reply) -> {
            boolean fromLeft = Lists.left(args, 3);
            boolean toLeft = Lists.left(args, 4);
            long timeout = BlockingTimeout.parseMillis(args.get(5));
            bmove(ctx, args.get(1), args.get(2), fromLeft, toLeft, timeout, reply);
        });
        r.redisCommand("brpoplpush", (ctx, args, reply) -> {
            long timeout = BlockingTimeout.parseMillis(args.get(3));
            bmove(ctx, args.get(1), args.get(2), false, true, timeout, reply);
        });
    }

    /** {@code BLPOP key [key ...] timeout}: replies {@code [key, element]}. */
    private static void bpop(CommandContext ctx, Arguments args, ReplySink reply, boolean left) {
        int last = args.count() - 1;
        long timeout = BlockingTimeout.parseMillis(args.get(last));
        Database db = ctx.db();
        for (int i = 1; i < last; i++) {
            byte[] key = args.get(i);
            ListValue list = Lists.write(db, key);
            if (list != null && !list.isEmpty()) {
                popOne(db, key, list, left, reply);
                return;
            }
        }
        if (!ctx.blockingAllowed()) {
            reply.nullArray();
            return;
        }
        List<byte[]> keys = Arrays.asList(args.raw()).subList(1, last);
        ctx.block(keys, timeout, (c, key, sink) -> {
            Database d = c.db();
            ListValue list = nonEmptyList(d, key);
            if (list == null) {
                return false;
            }
            popOne(d, key, list, left, sink);
            c.countChanges(0);
            return true;
        });
    }

    private static void popOne(Database db, byte[] key, ListValue list, boolean left, ReplySink reply) {
        byte[] value = list.remove(left);
        reply.array(2);
        reply.bulk(key);
        reply.bulk(value);
        Lists.removed(db, key, list, Lists.popEvent(left));
    }

    /** {@code BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]}: the timeout is parsed last. */
    private static void blmpop(CommandContext ctx, Arguments args, ReplySink reply) {
        MpopArguments a = MpopArguments.parse(args, 2);
        long timeout = BlockingTimeout.parseMillis(args.get(1));
        if (PopCommands.popFirstNonEmpty(ctx, a, reply)) {
            return;
        }
        if (!ctx.blockingAllowed()) {
            reply.nullArray();
            return;
        }
        ctx.block(Arrays.asList(a.keys()), timeout, (c, key, sink) -> {
            Database d = c.db();
            ListValue list = nonEmptyList(d, key);
            if (list == null) {
                return false;
            }
            PopCommands.replyWithKey(c, key, list, a.left(), a.count(), sink);
            return true;
        });
    }

    /**
     * {@code BLMOVE}/{@code BRPOPLPUSH}. When served later and the destination has become another
     * type, Redis 7.0 answers WRONGTYPE and moves nothing.
     */
    private static void bmove(CommandContext ctx, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft,
                              long timeout, ReplySink reply) {
        Database db = ctx.db();
        if (Lists.write(db, source) != null) {
            MoveCommands.move(ctx, source, destination, fromLeft, toLeft, reply);
            return;
        }
        if (!ctx.blockingAllowed()) {
            reply.nullBulk();
            return;
        }
        ctx.block(List.of(source), timeout, (c, key, sink) -> {
            Database d = c.db();
            ListValue src = nonEmptyList(d, key);
            if (src == null) {
                return false;
            }
            ListValue dst = d.lookupWrite(destination, ListValue.class); // WRONGTYPE ends the wait
            MoveCommands.moveOne(d, key, src, destination, dst, fromLeft, toLeft, sink);
            c.countChanges(0);
            return true;
        });
    }

    /** The list under {@code key} when it is one and has elements; else null (keep waiting). */
    private static ListValue nonEmptyList(Database db, byte[] key) {
        RedisValue v = db.lookupWrite(key);
        return v instanceof ListValue list && !list.isEmpty() ? list : null;
    }
}
