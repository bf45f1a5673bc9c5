package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code MSET} and {@code MSETNX}: Redis's {@code msetGenericCommand}. */
final class MsetCommands {

    private MsetCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("mset", (ctx, args, reply) -> mset(ctx, args, reply, false));
        r.redisCommand("msetnx", (ctx, args, reply) -> mset(ctx, args, reply, true));
    }

    private static void mset(CommandContext ctx, Arguments args, ReplySink reply, boolean nx) {
        int argc = args.count();
        if (argc % 2 == 0) {
            // the table's arity (-3) lets an unpaired key through; Redis rejects it here
            throw new CommandException(Errors.arity(ctx.commandName()));
        }
        Database db = ctx.db();
        if (nx) {
            for (int j = 1; j < argc; j += 2) {
                if (db.lookupWrite(args.get(j)) != null) {
                    reply.integer(0);
                    return;
                }
            }
        }
        for (int j = 1; j < argc; j += 2) {
            db.set(args.get(j), StringValue.of(args.get(j + 1)));
            db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "set", args.get(j));
        }
        if (nx) {
            reply.integer(1);
        } else {
            reply.ok();
        }
    }
}
