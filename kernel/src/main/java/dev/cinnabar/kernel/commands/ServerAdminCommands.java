package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** DBSIZE, FLUSHDB, FLUSHALL, TIME and SHUTDOWN: whole-server administration. */
final class ServerAdminCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ServerAdminCommands.class);

    private final Server server;

    ServerAdminCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("dbsize", (ctx, args, reply) -> reply.integer(ctx.db().size()));
        r.redisCommand("flushdb", this::flushDb);
        r.redisCommand("flushall", this::flushAll);
        r.redisCommand("time", this::time);
        r.redisCommand("shutdown", this::shutdown);
    }

    private void flushDb(CommandContext ctx, Arguments args, ReplySink reply) {
        checkFlushOption(args);
        // Redis 7.0 counts the keys removed (clear() does), not the command itself
        server.keyspace().db(ctx.client().database()).clear();
        reply.ok();
    }

    private void flushAll(CommandContext ctx, Arguments args, ReplySink reply) {
        checkFlushOption(args);
        // flushAllDataAndResetRDB: the removed keys count as changes (Redis 7.0 adds nothing for
        // the command itself), and with save points the (now empty) dataset is saved at once,
        // which leaves no change unsaved
        server.persistence().cancelBackgroundSave();
        server.keyspace().flushAll();
        if (server.persistence().savePointsConfigured()) {
            server.persistence().save();
        }
        reply.ok();
    }

    /**
     * Redis's {@code getFlushCommandFlags}: nothing, SYNC or ASYNC. Both empty the keyspace at
     * once here: the tables are dropped for the garbage collector, so ASYNC has nothing to defer.
     */
    private static void checkFlushOption(Arguments args) {
        if (args.count() == 1 || (args.count() == 2 && (args.is(1, "sync") || args.is(1, "async")))) {
            return;
        }
        throw new CommandException(Errors.SYNTAX);
    }

    private void time(CommandContext ctx, Arguments args, ReplySink reply) {
        Instant now = Instant.now();
        reply.array(2);
        reply.bulk(now.getEpochSecond());
        reply.bulk(now.getNano() / 1000);
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. There is no replication to wait for, so NOW
     * changes nothing, and a shutdown is never in progress for ABORT to cancel. SAVE, or save
     * points without NOSAVE, save the dataset first; a failed save refuses to stop ("Errors trying
     * to SHUTDOWN") unless FORCE is given.
     * On success no reply is sent: the connections are closed and the process exits.
     */
    private void shutdown(CommandContext ctx, Arguments args, ReplySink reply) {
        boolean noSave = false, save = false, now = false, force = false, abort = false;
        for (int i = 1; i < args.count(); i++) {
            if (args.is(i, "nosave")) {
                noSave = true;
            } else if (args.is(i, "save")) {
                save = true;
            } else if (args.is(i, "now")) {
                now = true;
            } else if (args.is(i, "force")) {
                force = true;
            } else if (args.is(i, "abort")) {
                abort = true;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if ((abort && (noSave || save || now || force)) || (noSave && save)) {
            throw new CommandException(Errors.SYNTAX);
        }
        if (abort) {
            throw new CommandException(AdminErrors.NO_SHUTDOWN_IN_PROGRESS);
        }
        if (server.scriptSession().busy()) {
            // a script holds the executor: only NOSAVE may end the process, at once and without a reply
            if (!noSave) {
                throw new CommandException(server.scriptSession().busyError());
            }
            LOG.warn("User requested shutdown during a busy script: exiting at once without saving.");
            Runtime.getRuntime().halt(0);
        }
        LOG.warn("User requested shutdown...");
        if (save || (!noSave && server.persistence().savePointsConfigured())) {
            LOG.warn("Saving the final RDB snapshot before exiting.");
            if (!server.persistence().save()) {
                if (!force) {
                    LOG.warn("Error trying to save the DB, can't exit.");
                    throw new CommandException(AdminErrors.SHUTDOWN_FAILED);
                }
                LOG.warn("Error trying to save the DB. Exit anyway.");
            }
        }
        server.aof().shutdown(); // flushed and fsynced before the process ends
        // no further input of this client runs; the reply it waits for is the closed connection
        ((dev.cinnabar.kernel.exec.ClientContext) ctx).connection().closeAfterReply(true);
        // Server.shutdown() waits for the event loop (this thread) to stop, so it runs elsewhere
        Thread exit = new Thread(() -> {
            server.shutdown();
            LOG.warn("Cinnabar is now ready to exit, bye bye...");
            System.exit(0);
        }, "cinnabar-shutdown-command");
        exit.start();
    }
}
