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

/** RENAME and RENAMENX ({@code db.c renameGenericCommand}): the value and its expiry move to the new name. */
final class RenameCommands {

    private RenameCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("rename", (ctx, args, reply) -> rename(ctx, args, reply, false));
        r.redisCommand("renamenx", (ctx, args, reply) -> rename(ctx, args, reply, true));
    }

    private static void rename(CommandContext ctx, Arguments args, ReplySink reply, boolean nx) {
        Database db = ctx.db();
        byte[] from = args.get(1);
        byte[] to = args.get(2);
        RedisValue value = db.lookupWrite(from);
        if (value == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        // Renaming a key to itself changes nothing, yet still needs the key to exist (checked above)
        if (Arrays.equals(from, to)) {
            replyDone(reply, nx, false);
            return;
        }
        long expire = db.getExpire(from);
        if (db.lookupWrite(to) != null && nx) {
            reply.integer(0);
            return;
        }
        db.delete(from);
        db.delete(to); // as Redis's dbDelete + dbAdd: the new name counts as a new key ("new" event)
        if (expire == Database.NO_EXPIRE) {
            db.set(to, value);
        } else {
            db.set(to, value, expire);
        }
        ctx.countChanges(1); // renameGenericCommand: server.dirty++ for the deletes and the set
        db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "rename_from", from);
        db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "rename_to", to);
        replyDone(reply, nx, true);
    }

    private static void replyDone(ReplySink reply, boolean nx, boolean renamed) {
        if (nx) {
            reply.integer(renamed ? 1 : 0);
        } else {
            reply.ok();
        }
    }
}
