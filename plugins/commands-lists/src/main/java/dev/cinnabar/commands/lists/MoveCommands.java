package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;

/** {@code LMOVE} and {@code RPOPLPUSH}. */
final class MoveCommands {

    private MoveCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("lmove", (ctx, args, reply) -> {
            boolean fromLeft = Lists.left(args, 3);
            boolean toLeft = Lists.left(args, 4);
            move(ctx, args.get(1), args.get(2), fromLeft, toLeft, reply);
        });
        r.redisCommand("rpoplpush", (ctx, args, reply) -> move(ctx, args.get(1), args.get(2), false, true, reply));
    }

    /**
     * {@code lmoveGenericCommand}: null when the source is missing; WRONGTYPE for either key before
     * anything moves. The destination is looked up before the pop, so a one-element list moved
     * onto itself survives the moment it is empty. The pop and the push count as one change
     * ({@code lmoveHandlePush}'s {@code server.dirty++}).
     */
    static void move(CommandContext ctx, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft,
                     ReplySink reply) {
        Database db = ctx.db();
        ListValue src = Lists.write(db, source);
        if (src == null || src.isEmpty()) {
            reply.nullBulk();
            return;
        }
        ListValue dst = Lists.write(db, destination);
        moveOne(db, source, src, destination, dst, fromLeft, toLeft, reply);
        ctx.countChanges(1);
    }

    /** Moves one element between lists already looked up and type-checked; replies it. */
    static void moveOne(Database db, byte[] source, ListValue src, byte[] destination, ListValue dst,
                        boolean fromLeft, boolean toLeft, ReplySink reply) {
        byte[] value = src.remove(fromLeft);
        // a new destination takes the source's fill: the setting of the moment is not at hand here
        Lists.push(db, destination, dst, toLeft, value, src.fill());
        Lists.removed(db, source, src, Lists.popEvent(fromLeft));
        reply.bulk(value);
    }
}
