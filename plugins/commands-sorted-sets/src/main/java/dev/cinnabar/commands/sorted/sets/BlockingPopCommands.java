package dev.cinnabar.commands.sorted.sets;

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
 * {@code BZPOPMIN}, {@code BZPOPMAX} and {@code BZMPOP} ({@code blockingGenericZpopCommand}): the
 * non-blocking pop when one of the keys holds a sorted set, else the client is parked on the keys
 * ({@link CommandContext#block}) and served from the key that gets members first
 * ({@code serveClientsBlockedOnSortedSetKey}). Where blocking is not allowed (MULTI, scripts) they
 * answer as on a timeout, at once.
 */
final class BlockingPopCommands {

    private BlockingPopCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("bzpopmin", (ctx, args, reply) -> bzpop(ctx, args, reply, false));
        r.redisCommand("bzpopmax", (ctx, args, reply) -> bzpop(ctx, args, reply, true));
        r.redisCommand("bzmpop", BlockingPopCommands::bzmpop);
    }

    /** {@code BZPOPMIN key [key ...] timeout}: replies {@code [key, member, score]}; the timeout is parsed first. */
    private static void bzpop(CommandContext ctx, Arguments args, ReplySink reply, boolean max) {
        int last = args.count() - 1;
        long timeout = BlockingTimeout.parseMillis(args.get(last));
        Database db = ctx.db();
        for (int i = 1; i < last; i++) {
            byte[] key = args.get(i);
            SortedSet z = Lookup.write(db, key); // WRONGTYPE for a key of another type met first
            if (z != null) {
                popOne(db, key, z, max, reply);
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
            SortedSet z = sortedSet(d, key);
            if (z == null) {
                return false;
            }
            popOne(d, key, z, max, sink);
            return true;
        });
    }

    /** The flat BZPOPMIN shape in both protocols ({@code genericZpopCommand} with emitkey, no nesting). */
    private static void popOne(Database db, byte[] key, SortedSet z, boolean max, ReplySink reply) {
        Entries popped = PopCommands.pop(db, key, z, max, 1);
        reply.array(3);
        reply.bulk(key);
        reply.bulk(popped.member(0));
        reply.doubleValue(popped.score(0));
    }

    /** {@code BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]}: the timeout is parsed last. */
    private static void bzmpop(CommandContext ctx, Arguments args, ReplySink reply) {
        ZmpopArguments a = ZmpopArguments.parse(args, 2);
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
            SortedSet z = sortedSet(d, key);
            if (z == null) {
                return false;
            }
            PopCommands.replyWithKey(c, key, z, a.max(), a.count(), sink);
            return true;
        });
    }

    /** The sorted set under {@code key}, or null (keep waiting) when there is none or another type. */
    private static SortedSet sortedSet(Database db, byte[] key) {
        RedisValue v = db.lookupWrite(key);
        return v instanceof SortedSet z && z.size() > 0 ? z : null;
    }
}
