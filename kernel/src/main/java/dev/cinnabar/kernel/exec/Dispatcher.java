package dev.cinnabar.kernel.exec;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.net.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one request: looks the command up and applies Redis's checks in Redis's order
 * ({@code server.c} {@code processCommand}: unknown command, arity, protected command,
 * authentication, ...), then calls the implementation with the clock frozen, and keeps
 * {@code INFO commandstats}/{@code errorstats} as Redis does.
 *
 * <p>Executor design (measured in {@code ../shared/measurements/executor-ceiling.md}): commands run
 * inline on the single Netty event loop that also does the I/O. That loop is the executor: it
 * owns the keyspace, so no command needs a lock, and no command pays a thread hand-off. Handing
 * every command to a separate data thread cost 20–25 % of throughput on this machine kind; inline
 * execution was at parity with Redis. A script past {@code busy-reply-threshold} serves the
 * other clients from its own poll ({@link #serveWhileBusy}), who get BUSY unless allowed.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Server server;
    private final List<CommandObserver> observers = new CopyOnWriteArrayList<>();
    /** Nesting of {@link #call}: above 0 while EXEC (or a script) runs commands of its own. */
    private int callDepth;
    /**
     * {@code total_error_replies} when the last call ended, as Redis's static
     * {@code prev_err_count}: EXEC counts as failed only for errors of its own, not for those of
     * the commands it ran.
     */
    private long errorsMark;
    /** Set when the running command failed with an error counted elsewhere ({@link #failedWithoutErrorReply}). */
    private boolean failedElsewhere;

    public Dispatcher(Server server) {
        this.server = server;
    }

    public void addObserver(CommandObserver o) {
        observers.add(o);
    }

    public void removeObserver(CommandObserver o) {
        observers.remove(o);
    }

    /** Executes {@code argv} for {@code client}, writing the reply to the client's current sink. */
    public void dispatch(Client client, ClientContext ctx, byte[][] argv) {
        client.prepareReply();
        try {
            execute(client, ctx, argv);
        } finally {
            client.finishReply();
        }
        // as Redis's processCommand after call(): a whole EXEC or script counts as one write
        BlockedClients blocked = server.blockedClients();
        if (blocked.hasReadyKeys()) {
            blocked.serveReadyKeys();
        }
    }

    private void execute(Client client, ClientContext ctx, byte[][] argv) {
        var reply = client.replySink();
        RegisteredCommand cmd = server.commands().lookup(argv[0]);
        if (cmd == null) {
            if (isCrossProtocolAttack(argv[0])) {
                LOG.warn("Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. "
                        + "This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis "
                        + "instance. Connection from {} aborted.", client.address());
                client.abort();
                return;
            }
            client.transaction().abort();
            reply.error(unknownCommand(argv));
            return;
        }
        // COMMAND is both: alone it runs itself, with an argument it is a container
        if (cmd.isContainer() || (argv.length >= 2 && !cmd.subcommands().isEmpty())) {
            if (argv.length < 2) {
                reject(client, cmd, reply, Errors.arity(cmd.fullName()));
                return;
            }
            RegisteredCommand sub = cmd.subcommand(lowerAscii(argv[1]));
            if (sub == null) {
                client.transaction().abort();
                reply.error("ERR unknown subcommand '" + cString(argv[1], 128) + "'. Try "
                        + cmd.fullName().toUpperCase(java.util.Locale.ROOT) + " HELP.");
                return;
            }
            cmd = sub;
        }
        if (!cmd.arityOk(argv.length)) {
            reject(client, cmd, reply, Errors.arity(cmd.fullName()));
            return;
        }
        String protectedError = protectedCommandError(client, cmd);
        if (protectedError != null) {
            reject(client, cmd, reply, protectedError);
            return;
        }
        if (!client.authenticated() && server.requiresAuth() && !cmd.has(dev.cinnabar.api.command.CommandFlag.NO_AUTH)) {
            reject(client, cmd, reply, "NOAUTH Authentication required.");
            return;
        }
        MultiState multi = client.transaction();
        if (multi.active() && cmd.has(dev.cinnabar.api.command.CommandFlag.NO_MULTI)) {
            reject(client, cmd, reply, TransactionErrors.NOT_ALLOWED_IN_MULTI);
            return;
        }
        if (rejectedForMemory(cmd, multi)) {
            reject(client, cmd, reply, OOM);
            return;
        }
        // writeCommandsDeniedByDiskError: writes (and PING) while the last background save or AOF write failed
        if (cmd.has(dev.cinnabar.api.command.CommandFlag.WRITE) || (cmd.parent() == null && cmd.name().equals("ping"))) {
            String diskError = persistenceWriteError();
            if (diskError != null) {
                reject(client, cmd, reply, diskError);
                return;
            }
        }
        if (server.loading().active() && !cmd.has(dev.cinnabar.api.command.CommandFlag.LOADING)) {
            reject(client, cmd, reply, dev.cinnabar.kernel.persistence.Loading.ERROR);
            return;
        }
        if (!cmd.has(dev.cinnabar.api.command.CommandFlag.ALLOW_BUSY) && server.scriptSession().busy()) {
            reject(client, cmd, reply, server.scriptSession().busyError());
            return;
        }
        // RESP2 subscribed context: after no_multi, before queueing, as in Redis's processCommand
        String subscribedError = dev.cinnabar.kernel.pubsub.SubscribedContext.rejection(client, cmd);
        if (subscribedError != null) {
            reject(client, cmd, reply, subscribedError);
            return;
        }
        if (multi.active() && !controlsTransaction(cmd)) {
            multi.queue(cmd, argv);
            client.lastCommand(cmd);
            reply.simple("QUEUED");
            return;
        }
        call(client, ctx, cmd, argv);
    }

    /**
     * Redis's {@code writeCommandsDeniedByDiskError} as its refusal text: the RDB one while the last
     * background save failed (with save points and {@code stop-writes-on-bgsave-error}), the AOF one
     * while the last AOF write or fsync failed; null when writes are allowed.
     */
    public String persistenceWriteError() {
        if (server.persistence().writesDenied()) {
            return MISCONF;
        }
        String reason = server.aof().diskError();
        return reason == null ? null : "MISCONF Errors writing to the AOF file: " + reason;
    }

    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to "
            + "persist to disk. Commands that may modify the data set are disabled, because this instance is configured to "
            + "report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the "
            + "Redis logs for details about the RDB error.";

    /**
     * Redis's maxmemory check: {@code denyoom} commands, and anything queued in MULTI except the
     * commands that end or leave it, are refused while used memory is above the limit.
     */
    private boolean rejectedForMemory(RegisteredCommand cmd, MultiState multi) {
        boolean deny = cmd.has(dev.cinnabar.api.command.CommandFlag.DENYOOM);
        if (!deny && multi.active() && cmd.parent() == null) {
            deny = switch (cmd.name()) {
                case "exec", "discard", "quit", "reset" -> false;
                default -> true;
            };
        }
        return deny && server.outOfMemory();
    }

    /** What runs even inside MULTI instead of being queued (Redis's processCommand). */
    private static boolean controlsTransaction(RegisteredCommand cmd) {
        if (cmd.parent() != null) {
            return false;
        }
        return switch (cmd.name()) {
            case "exec", "discard", "multi", "watch", "quit", "reset" -> true;
            default -> false;
        };
    }

    /**
     * Runs an already-checked command and keeps its statistics (also used by EXEC and scripts).
     * A nested call (a command EXEC runs) keeps the clock frozen by the outer one, as Redis's
     * {@code fixed_time_expire}, and leaves the client's last command alone ({@code cmd=exec}).
     */
    public void call(Client client, ClientContext ctx, RegisteredCommand cmd, byte[][] argv) {
        call(client, ctx, cmd, argv, true);
    }

    /**
     * Runs a command read back from the AOF: as {@link #call} but outside every statistic
     * (commandstats, total_commands_processed, slowlog, MONITOR), as Redis's loader runs
     * {@code cmd->proc} directly rather than through {@code call()}.
     */
    public void replay(Client client, ClientContext ctx, RegisteredCommand cmd, byte[][] argv) {
        call(client, ctx, cmd, argv, false);
    }

    private void call(Client client, ClientContext ctx, RegisteredCommand cmd, byte[][] argv, boolean counted) {
        var reply = client.replySink();
        ServerStats stats = server.stats();
        long startMillis = System.currentTimeMillis();
        boolean nested = callDepth > 0;
        if (!nested) {
            server.keyspace().freezeClock(startMillis);
            client.lastCommand(cmd);
            errorsMark = stats.totalErrorReplies;
        }
        ctx.command(cmd, argv);
        client.clearRedactions();
        long t0 = System.nanoTime();
        callDepth++;
        server.propagator().enter();
        long outerChanges = server.persistence().beginCommand();
        long errorsBefore = stats.totalErrorReplies;
        try {
            cmd.implementation().execute(ctx, new Arguments(argv), reply);
        } catch (CommandException e) {
            reply.error(e.errorText());
        } catch (RuntimeException | Error e) {
            LOG.warn("Command '{}' failed unexpectedly", cmd.fullName(), e);
            reply.error("ERR internal error while executing '" + cmd.fullName() + "': " + e.getClass().getSimpleName());
        } finally {
            callDepth--;
            long changes = server.persistence().endCommand(outerChanges);
            server.propagator().exit(client, cmd, argv, stats.totalErrorReplies != errorsBefore, changes);
        }
        long micros = (System.nanoTime() - t0) / 1000;
        if (!counted) {
            errorsMark = stats.totalErrorReplies;
            return;
        }
        cmd.calls++;
        cmd.microseconds += micros;
        if (stats.totalErrorReplies != errorsMark || failedElsewhere) {
            cmd.failedCalls++;
        }
        failedElsewhere = false;
        errorsMark = stats.totalErrorReplies;
        stats.totalCommandsProcessed++;
        if (!observers.isEmpty()) {
            for (CommandObserver o : observers) {
                o.executed(client, cmd, argv, startMillis, micros);
            }
        }
    }

    /**
     * Counts the running command as failed although its error reply is not counted again (a
     * script ending with the error of a command it ran, Redis's {@code ERR_REPLY_FLAG_NO_STATS_UPDATE}).
     */
    public void failedWithoutErrorReply() {
        failedElsewhere = true;
    }

    /**
     * Runs {@code pump}, which serves other clients' commands, from inside a running script: their
     * commands are top-level calls, so the script's call nesting, error mark and frozen clock are
     * put aside and restored afterwards.
     */
    public void serveWhileBusy(Runnable pump) {
        int depth = callDepth;
        long mark = errorsMark;
        boolean failed = failedElsewhere;
        long clock = server.keyspace().now();
        long errorsBefore = server.stats().totalErrorReplies;
        callDepth = 0;
        try {
            server.propagator().aside(pump);
        } finally {
            callDepth = depth;
            // errors answered to the others (BUSY) are not the script's
            errorsMark = mark + (server.stats().totalErrorReplies - errorsBefore);
            failedElsewhere = failed;
            server.keyspace().freezeClock(clock);
        }
    }

    /** Shows a command to MONITOR clients now, whatever its flags (EVAL and FCALL show themselves first). */
    public void feedMonitors(Client client, RegisteredCommand cmd, byte[][] argv) {
        for (CommandObserver o : observers) {
            o.shown(client, cmd, argv);
        }
    }

    /** A refusal before the call: counted as rejected, and it dooms a transaction being queued. */
    private void reject(Client client, RegisteredCommand cmd, dev.cinnabar.api.reply.ReplySink reply, String error) {
        MultiState multi = client.transaction();
        cmd.rejectedCalls++;
        // Redis's rejectCommand: a refused EXEC discards the transaction and says why
        if (multi.active() && cmd.parent() == null && cmd.name().equals("exec")) {
            multi.discard(server.watchedKeys());
            reply.error("EXECABORT Transaction discarded because of: " + error);
            return;
        }
        multi.abort();
        reply.error(error);
    }

    private String protectedCommandError(Client client, RegisteredCommand cmd) {
        String top = cmd.parent() == null ? cmd.fullName() : cmd.parent().fullName();
        String option;
        if (top.equals("debug")) {
            option = "enable-debug-command";
        } else if (top.equals("module") || cmd.fullName().equals("plugin|load") || cmd.fullName().equals("plugin|unload")) {
            // loading code from a path at run time is what enable-module-command guards in Redis
            option = "enable-module-command";
        } else {
            return null;
        }
        String mode = server.config().get(option);
        if ("yes".equals(mode) || ("local".equals(mode) && isLocal(client))) {
            return null;
        }
        return "ERR " + top.toUpperCase(java.util.Locale.ROOT) + " command not allowed. If the " + option
                + " option is set to \"local\", you can run it from a local connection, otherwise you need to set this "
                + "option in the configuration file, and then restart the server.";
    }

    private static boolean isLocal(Client client) {
        return client.channel().remoteAddress() instanceof InetSocketAddress a
                && a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    private static boolean isCrossProtocolAttack(byte[] name) {
        String n = lowerAscii(name);
        return n.equals("post") || n.equals("host:");
    }

    /** Redis's unknown-command text, argument quoting and truncation included. */
    public static String unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            int room = 128 - args.length(); // measured before the opening quote, as Redis's sdscatprintf does
            args.append('\'').append(cString(argv[i], room)).append("' ");
        }
        return "ERR unknown command '" + cString(argv[0], 128) + "', with args beginning with: " + args;
    }

    /** Bytes as ISO-8859-1 text cut at {@code max} bytes and at the first NUL, as C's {@code %.*s} prints them. */
    static String cString(byte[] b, int max) {
        int n = 0;
        while (n < b.length && n < max && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    static String lowerAscii(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            int x = b[i] & 0xff;
            c[i] = (char) (x >= 'A' && x <= 'Z' ? x + 32 : x);
        }
        return new String(c);
    }
}
