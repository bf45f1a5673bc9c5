package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;

/** {@code LRANGE}, {@code LTRIM} and {@code LREM}. */
final class RangeCommands {

    private RangeCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("lrange", (ctx, args, reply) -> {
            long start = args.longValue(2);
            long end = args.longValue(3);
            ListValue list = Lists.read(ctx.db(), args.get(1));
            if (list == null) {
                reply.array(0);
                return;
            }
            Lists.replyRange(reply, list, start, end, false);
        });
        r.redisCommand("ltrim", (ctx, args, reply) -> {
            long start = args.longValue(2);
            long end = args.longValue(3);
            Database db = ctx.db();
            byte[] key = args.get(1);
            ListValue list = Lists.write(db, key);
            if (list == null) {
                reply.ok();
                return;
            }
            long llen = list.size();
            if (start < 0) {
                start = llen + start;
            }
            if (end < 0) {
                end = llen + end;
            }
            if (start < 0) {
                start = 0;
            }
            if (start > end || start >= llen) {
                list.retain(0, -1);
            } else {
                list.retain((int) start, (int) Math.min(end, llen - 1));
            }
            Lists.removed(db, key, list, "ltrim");
            ctx.countChanges(llen - list.size()); // ltrimCommand: server.dirty += ltrim + rtrim
            reply.ok();
        });
        r.redisCommand("lrem", (ctx, args, reply) -> {
            long toRemove = args.longValue(2);
            Database db = ctx.db();
            byte[] key = args.get(1);
            ListValue list = Lists.write(db, key);
            if (list == null) {
                reply.integer(0);
                return;
            }
            // -Long.MIN_VALUE stays negative; as a limit it is then "more than any list holds"
            long limit = toRemove < 0 ? (toRemove == Long.MIN_VALUE ? Long.MAX_VALUE : -toRemove) : toRemove;
            int removed = list.removeEqual(args.get(3), limit, toRemove < 0);
            if (removed > 0) {
                Lists.removed(db, key, list, "lrem");
                ctx.countChanges(removed);
            }
            reply.integer(removed);
        });
    }
}
