package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

import java.util.Arrays;

/**
 * MOVE, COPY and SWAPDB: commands that take keys or whole databases across database indexes
 * ({@code db.c}). Each counts one change when it does something, as Redis's {@code server.dirty++}
 * in each, although MOVE and COPY ... REPLACE write twice (SWAPDB counts even for one database
 * with itself).
 */
final class DatabaseCommands {

    private DatabaseCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("move", DatabaseCommands::move);
        r.redisCommand("copy", DatabaseCommands::copy);
        r.redisCommand("swapdb", DatabaseCommands::swapDb);
    }

    private static void move(CommandContext ctx, Arguments args, ReplySink reply) {
        Database src = ctx.db();
        Database dst = database(ctx, intValue(args, 2, null));
        if (src.id() == dst.id()) {
            throw new CommandException(KeyErrors.SAME_OBJECT);
        }
        byte[] key = args.get(1);
        RedisValue value = src.lookupWrite(key);
        if (value == null) {
            reply.integer(0);
            return;
        }
        long expire = src.getExpire(key);
        if (dst.lookupWrite(key) != null) {
            reply.integer(0);
            return;
        }
        store(dst, key, value, expire);
        src.delete(key);
        ctx.countChanges(1);
        src.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "move_from", key);
        dst.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "move_to", key);
        reply.integer(1);
    }

    /** {@code copyCommand}: options are checked in order, so a bad DB index wins over a later syntax error. */
    private static void copy(CommandContext ctx, Arguments args, ReplySink reply) {
        Database src = ctx.db();
        Database dst = src;
        boolean replace = false;
        for (int i = 3; i < args.count(); i++) {
            byte[] opt = args.get(i);
            if (Arguments.isKeyword(opt, "replace")) {
                replace = true;
            } else if (Arguments.isKeyword(opt, "db") && i + 1 < args.count()) {
                dst = database(ctx, intValue(args, i + 1, null));
                i++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        byte[] key = args.get(1);
        byte[] newKey = args.get(2);
        if (src.id() == dst.id() && Arrays.equals(key, newKey)) {
            throw new CommandException(KeyErrors.SAME_OBJECT);
        }
        RedisValue value = src.lookupRead(key);
        if (value == null) {
            reply.integer(0);
            return;
        }
        long expire = src.getExpire(key);
        if (dst.lookupWrite(newKey) != null && !replace) {
            reply.integer(0);
            return;
        }
        dst.delete(newKey); // as Redis's dbDelete + dbAdd: a replaced key counts as new ("new" event)
        store(dst, newKey, value.copy(), expire);
        ctx.countChanges(1);
        dst.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "copy_to", newKey);
        reply.integer(1);
    }

    private static void swapDb(CommandContext ctx, Arguments args, ReplySink reply) {
        int a = intValue(args, 1, KeyErrors.INVALID_FIRST_DB);
        int b = intValue(args, 2, KeyErrors.INVALID_SECOND_DB);
        if (a < 0 || a >= ctx.databaseCount() || b < 0 || b >= ctx.databaseCount()) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        if (a != b) {
            ctx.swapDatabases(a, b);
        }
        ctx.countChanges(1);
        reply.ok();
    }

    /** Replaces whatever {@code key} holds in {@code db} with {@code value} and {@code expire}. */
    private static void store(Database db, byte[] key, RedisValue value, long expire) {
        if (expire == Database.NO_EXPIRE) {
            db.set(key, value);
        } else {
            db.set(key, value, expire);
        }
    }

    /**
     * {@code getIntFromObjectOrReply}: a strict 64-bit integer that must also fit in a C int. With
     * no {@code errorText} Redis uses its generic texts, naming the int range when out of it.
     */
    private static int intValue(Arguments args, int i, String errorText) {
        long v = errorText == null ? args.longValue(i) : args.longValue(i, errorText);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CommandException(errorText != null ? errorText
                    : KeyErrors.outOfRange(Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        return (int) v;
    }

    private static Database database(CommandContext ctx, int index) {
        if (index < 0 || index >= ctx.databaseCount()) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        return ctx.db(index);
    }
}
