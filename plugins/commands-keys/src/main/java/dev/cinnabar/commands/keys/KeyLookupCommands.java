package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

import java.util.function.Predicate;

/** DEL, UNLINK, EXISTS, TOUCH, TYPE and RANDOMKEY: the commands that ask about or drop whole keys. */
final class KeyLookupCommands {

    private KeyLookupCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("del", KeyLookupCommands::delete);
        // UNLINK frees values in the background in Redis; here freeing is the garbage collector's
        // job anyway, so both commands are the same.
        r.redisCommand("unlink", KeyLookupCommands::delete);
        r.redisCommand("exists", KeyLookupCommands::exists);
        r.redisCommand("touch", KeyLookupCommands::touch);
        r.redisCommand("type", KeyLookupCommands::type);
        r.redisCommand("randomkey", KeyLookupCommands::randomKey);
    }

    private static void delete(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        reply.integer(countKeys(args, key -> {
            if (!db.delete(key)) {
                return false;
            }
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            return true;
        }));
    }

    /** Counts every argument, so {@code EXISTS k k} is 2, as in Redis. */
    private static void exists(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        reply.integer(countKeys(args, key -> db.lookupReadNoTouch(key) != null));
    }

    private static void touch(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        reply.integer(countKeys(args, key -> db.lookupRead(key) != null));
    }

    /** Applies {@code action} to each key argument in order; how many times it answered true. */
    private static long countKeys(Arguments args, Predicate<byte[]> action) {
        long n = 0;
        for (int i = 1; i < args.count(); i++) {
            if (action.test(args.get(i))) {
                n++;
            }
        }
        return n;
    }

    private static void type(CommandContext ctx, Arguments args, ReplySink reply) {
        RedisValue v = ctx.db().lookupReadNoTouch(args.get(1));
        reply.simple(v == null ? "none" : v.type().wireName());
    }

    private static void randomKey(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] key = ctx.db().randomKey();
        if (key == null) {
            reply.nullBulk();
        } else {
            reply.bulk(key);
        }
    }
}
