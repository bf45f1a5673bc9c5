package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.pubsub.SubscribedContext;

/** PING, ECHO, SELECT, QUIT: the connection commands every client uses first. */
final class ConnectionCommands {

    private final Server server;

    ConnectionCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("ping", this::ping);
        r.redisCommand("echo", (ctx, args, reply) -> reply.bulk(args.get(1)));
        r.redisCommand("select", this::select);
        r.redisCommand("quit", this::quit);
    }

    private void ping(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() > 2) {
            throw new CommandException(Errors.arity("ping"));
        }
        if (SubscribedContext.restricted(((ClientContext) ctx).connection())) {
            SubscribedContext.pong(reply, args.count() == 1 ? null : args.get(1));
        } else if (args.count() == 1) {
            reply.simple("PONG");
        } else {
            reply.bulk(args.get(1));
        }
    }

    private void select(CommandContext ctx, Arguments args, ReplySink reply) {
        long index = args.longValue(1, "ERR value is not an integer or out of range");
        if (index < 0 || index >= ctx.databaseCount()) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        ((ClientContext) ctx).connection().database((int) index);
        reply.ok();
    }

    private void quit(CommandContext ctx, Arguments args, ReplySink reply) {
        reply.ok();
        ((ClientContext) ctx).connection().closeAfterReply(true);
    }
}
