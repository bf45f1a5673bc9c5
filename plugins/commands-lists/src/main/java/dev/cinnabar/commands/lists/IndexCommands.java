package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code LLEN}, {@code LINDEX} and {@code LSET}. */
final class IndexCommands {

    private IndexCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("llen", (ctx, args, reply) -> {
            ListValue list = Lists.read(ctx.db(), args.get(1));
            reply.integer(list == null ? 0 : list.size());
        });
        // Redis looks the key up before it parses the index: a missing key with a bad index is a null
        r.redisCommand("lindex", (ctx, args, reply) -> {
            ListValue list = Lists.read(ctx.db(), args.get(1));
            if (list == null) {
                reply.nullBulk();
                return;
            }
            long index = args.longValue(2);
            int i = position(list, index);
            if (i < 0) {
                reply.nullBulk();
            } else {
                reply.bulk(list.get(i));
            }
        });
        r.redisCommand("lset", (ctx, args, reply) -> {
            Database db = ctx.db();
            byte[] key = args.get(1);
            ListValue list = Lists.write(db, key);
            if (list == null) {
                throw new CommandException(Errors.NO_SUCH_KEY);
            }
            long index = args.longValue(2);
            int i = position(list, index);
            if (i < 0) {
                throw new CommandException(Errors.INDEX_OUT_OF_RANGE);
            }
            list.set(i, args.get(3));
            db.modified(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.LIST, "lset", key);
            reply.ok();
        });
    }

    /** The position of Redis index {@code index} (negative counts from the tail), -1 when outside. */
    private static int position(ListValue list, long index) {
        long n = list.size();
        long i = index < 0 ? n + index : index;
        return i < 0 || i >= n ? -1 : (int) i;
    }
}
