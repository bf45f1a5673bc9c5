package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.exec.Dispatcher;
import dev.cinnabar.kernel.exec.MultiState;
import dev.cinnabar.kernel.exec.TransactionErrors;
import dev.cinnabar.kernel.exec.WatchedKeys;
import dev.cinnabar.kernel.net.Client;

import java.util.List;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH, as Redis's {@code multi.c}. Queueing itself happens in
 * the dispatcher, after the checks that can refuse a command (a refusal dooms the transaction).
 * EXEC runs the whole queue in one go on the executor, so nothing else runs in between; the
 * clock stays frozen at EXEC's start for all of it, and blocking commands answer at once.
 */
final class TransactionCommands {

    private final Server server;

    TransactionCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("multi", this::multi);
        r.redisCommand("exec", this::exec);
        r.redisCommand("discard", this::discard);
        r.redisCommand("watch", this::watch);
        r.redisCommand("unwatch", this::unwatch);
    }

    private static Client client(CommandContext ctx) {
        return ((ClientContext) ctx).connection();
    }

    private void multi(CommandContext ctx, Arguments args, ReplySink reply) {
        MultiState state = client(ctx).transaction();
        if (state.active()) {
            throw new CommandException(TransactionErrors.NESTED_MULTI);
        }
        state.begin();
        reply.ok();
    }

    private void discard(CommandContext ctx, Arguments args, ReplySink reply) {
        MultiState state = client(ctx).transaction();
        if (!state.active()) {
            throw new CommandException(TransactionErrors.DISCARD_WITHOUT_MULTI);
        }
        state.discard(server.watchedKeys());
        reply.ok();
    }

    private void watch(CommandContext ctx, Arguments args, ReplySink reply) {
        Client client = client(ctx);
        MultiState state = client.transaction();
        if (state.active()) {
            throw new CommandException(TransactionErrors.WATCH_INSIDE_MULTI);
        }
        if (!state.dirty()) { // no point watching more once the transaction is lost
            WatchedKeys watched = server.watchedKeys();
            for (int i = 1; i < args.count(); i++) {
                watched.watch(state, client.database(), args.get(i));
            }
        }
        reply.ok();
    }

    private void unwatch(CommandContext ctx, Arguments args, ReplySink reply) {
        MultiState state = client(ctx).transaction();
        server.watchedKeys().unwatchAll(state);
        state.clearDirty();
        reply.ok();
    }

    private void exec(CommandContext ctx, Arguments args, ReplySink reply) {
        ClientContext context = (ClientContext) ctx;
        Client client = context.connection();
        MultiState state = client.transaction();
        if (!state.active()) {
            throw new CommandException(TransactionErrors.EXEC_WITHOUT_MULTI);
        }
        WatchedKeys watched = server.watchedKeys();
        watched.touchIfExpired(state);
        if (state.aborted() || state.dirty()) {
            boolean aborted = state.aborted();
            state.discard(watched);
            if (aborted) {
                throw new CommandException(TransactionErrors.EXECABORT);
            }
            reply.nullArray();
            return;
        }
        watched.unwatchAll(state); // as Redis: the commands below must not dirty our own watches
        List<MultiState.Queued> queue = state.queued();
        boolean blockingWasDenied = !context.blockingAllowed();
        context.denyBlocking(true);
        reply.array(queue.size());
        try {
            for (MultiState.Queued q : queue) {
                if (q.command().retired()) {
                    // its plugin was unloaded after it was queued: answer as the lookup would now
                    reply.error(Dispatcher.unknownCommand(q.argv()));
                    continue;
                }
                server.dispatcher().call(client, context, q.command(), q.argv());
            }
        } finally {
            context.denyBlocking(blockingWasDenied);
            state.discard(watched);
        }
    }
}
