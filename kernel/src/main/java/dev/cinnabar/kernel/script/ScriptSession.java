package dev.cinnabar.kernel.script;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptOptions;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.net.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;

/**
 * The server side of a running script (Redis's {@code script.c}): commands go through the
 * script checks of {@code scriptCall} in Redis's order, then run on the script client as
 * ordinary calls (statistics, MONITOR as {@code lua}, keyspace events), with the clock frozen
 * at the start of the command that runs the script. One instance per server, reused by every
 * run: scripts never nest (EVAL and FCALL are {@code noscript}).
 */
public final class ScriptSession implements ScriptHost {

    private static final Logger LOG = LoggerFactory.getLogger("script");

    /** Commands Redis flags {@code may_replicate}: read-only scripts may not run them either. */
    private static final Set<String> MAY_REPLICATE = Set.of("publish", "spublish", "pfcount", "eval", "evalsha", "fcall");

    private final Server server;
    private final Client client;
    private final ClientContext context;
    private final CountingSink sink;
    private ClientContext caller;
    private ScriptOptions options;
    private boolean active;
    private boolean wrote;
    private int replicationFlags;
    /** Redis's {@code script_oom}: memory was over the limit when the run started. */
    private boolean oomAtStart;
    private long startNanos;
    private long startMillis;
    /** Past {@code busy-reply-threshold}: other clients are served (and answered BUSY). */
    private boolean busy;
    private boolean killed;

    public ScriptSession(Server server) {
        this.server = server;
        this.client = Client.scriptClient(-1);
        this.context = new ClientContext(server, client);
        this.context.denyBlocking(true);
        this.sink = new CountingSink(server.stats());
    }

    /** Starts a run for {@code caller}; the script client starts in the caller's database. */
    public ScriptSession begin(ClientContext caller, ScriptOptions options) {
        if (active) {
            throw new IllegalStateException("a script is already running");
        }
        this.active = true;
        this.caller = caller;
        this.options = options;
        this.wrote = false;
        this.replicationFlags = 3;
        this.oomAtStart = server.outOfMemory();
        this.startNanos = System.nanoTime();
        this.startMillis = System.currentTimeMillis();
        this.busy = false;
        this.killed = false;
        client.database(caller.connection().database());
        client.protocol(2);
        return this;
    }

    /** True while a script runs. */
    public boolean active() {
        return active;
    }

    /** True once the running script ran a write command (it can no longer be killed). */
    public boolean wrote() {
        return wrote;
    }

    public ScriptOptions options() {
        return options;
    }

    @Override
    public void call(byte[][] argv, ReplySink into, int protocol) {
        if (argv.length == 0) {
            throw new CommandException("ERR Please specify at least one argument for this redis lib call");
        }
        RegisteredCommand cmd = lookup(argv);
        if (cmd == null) {
            throw new CommandException("ERR Unknown Redis command called from script");
        }
        if (!cmd.arityOk(argv.length)) {
            throw new CommandException("ERR Wrong number of args calling Redis command from script");
        }
        if (cmd.has(CommandFlag.NOSCRIPT)) {
            throw new CommandException("ERR This Redis command is not allowed from script");
        }
        boolean write = cmd.has(CommandFlag.WRITE);
        if (options.readOnly() && (write || mayReplicate(cmd))) {
            throw new CommandException("ERR Write commands are not allowed from read-only scripts.");
        }
        // only the first write may be refused: a script cannot be stopped halfway through its effects
        if (write && !wrote) {
            String diskError = server.dispatcher().persistenceWriteError();
            if (diskError != null) {
                throw new CommandException(diskError);
            }
        }
        if (oomAtStart && !wrote && !options.allowOom() && cmd.has(CommandFlag.DENYOOM)) {
            throw new CommandException(dev.cinnabar.kernel.exec.Dispatcher.OOM);
        }
        if (write) {
            wrote = true;
        }
        client.protocol(protocol);
        client.replyTo(sink.target(into, protocol));
        try {
            server.dispatcher().call(client, context, cmd, argv);
        } finally {
            client.replyTo(null);
            // the engine's sink must not outlive the call: it would keep an unloaded engine's classes
            sink.target(null, protocol);
        }
    }

    /** Redis's {@code lookupCommand}: a container alone is itself, with an argument its subcommand. */
    private RegisteredCommand lookup(byte[][] argv) {
        RegisteredCommand cmd = server.commands().lookup(argv[0]);
        if (cmd == null || argv.length < 2 || cmd.subcommands().isEmpty()) {
            return cmd;
        }
        return cmd.subcommand(lowerAscii(argv[1]));
    }

    private static boolean mayReplicate(RegisteredCommand cmd) {
        return cmd.parent() == null && MAY_REPLICATE.contains(cmd.name());
    }

    @Override
    public boolean aclCheck(byte[][] argv) {
        if (lookup(argv) == null) {
            throw new CommandException("ERR Invalid command passed to redis.acl_check_cmd()");
        }
        // one user exists (default, all commands, all keys and channels)
        return true;
    }

    @Override
    public void log(int level, String message) {
        switch (level) {
            case LOG_DEBUG -> LOG.trace(message);
            case LOG_VERBOSE -> LOG.debug(message);
            case LOG_NOTICE -> LOG.info(message);
            default -> LOG.warn(message);
        }
    }

    @Override
    public void replicationFlags(int flags) {
        replicationFlags = flags;
    }

    public int replicationFlags() {
        return replicationFlags;
    }

    /**
     * The poll of the running script: past {@code busy-reply-threshold} the run turns busy (logged
     * once, the caller's connection left unread), and from then on every poll serves the other
     * clients, who get BUSY unless their command is allowed; a kill asked for meanwhile ends the run.
     */
    @Override
    public String interruption() {
        if (!busy) {
            long threshold = server.config().getLong("busy-reply-threshold");
            if (threshold <= 0 || (System.nanoTime() - startNanos) / 1_000_000 < threshold) {
                return null;
            }
            busy = true;
            LOG.warn("Slow script detected: still in execution after {} milliseconds. You can try killing the script using the {} command. Script name is: {}.",
                    (System.nanoTime() - startNanos) / 1_000_000, options.function() ? "FUNCTION KILL" : "SCRIPT KILL", options.name());
            caller.connection().channel().config().setAutoRead(false);
            if (server.network().loop().next().inEventLoop()) {
                server.dispatcher().serveWhileBusy(() -> server.network().catchUpWhileBusy(caller.connection().channel()));
            }
        }
        // engines call this on the executor (a coroutine's poll is handed over to it): it serves I/O
        if (!killed && server.network().loop().next().inEventLoop()) {
            dev.cinnabar.kernel.net.BusyIo io = server.network().busyIo();
            if (io != null) {
                server.dispatcher().serveWhileBusy(io::pump);
            }
        }
        if (killed) {
            // Redis words it so for FUNCTION KILL too
            LOG.warn("Lua script killed by user with SCRIPT KILL.");
            return "ERR Script killed by user with SCRIPT KILL...";
        }
        return null;
    }

    /**
     * Read from a coroutine's thread while the executor waits for it (a monitor hand-off orders the
     * reads): due once the threshold is reached, so that the executor runs {@link #interruption()}.
     */
    @Override
    public boolean interruptionDue() {
        if (busy || killed) {
            return true;
        }
        long threshold = server.config().getLong("busy-reply-threshold");
        return threshold > 0 && (System.nanoTime() - startNanos) / 1_000_000 >= threshold;
    }

    /** True while a script runs past the threshold: commands without {@code allow_busy} get BUSY. */
    public boolean busy() {
        return active && busy;
    }

    /** The BUSY error for the running script or function. */
    public String busyError() {
        return options != null && options.function()
                ? "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."
                : "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    }

    /** When the running script started, for FUNCTION STATS. */
    public long startMillis() {
        return startMillis;
    }

    /**
     * SCRIPT KILL ({@code function} false) or FUNCTION KILL: null when the kill is on its way, else
     * Redis's error text.
     */
    public String kill(boolean function) {
        if (!busy()) {
            return "NOTBUSY No scripts in execution right now.";
        }
        if (wrote) {
            return "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
        }
        if (function != options.function()) {
            return busyError();
        }
        killed = true;
        return null;
    }

    @Override
    public void replyError(String text, boolean innerCommand) {
        if (!innerCommand) {
            caller.connection().replySink().error(text);
            return;
        }
        caller.connection().writer().errorCountedElsewhere(text);
        server.dispatcher().failedWithoutErrorReply();
    }

    @Override
    public void close() {
        if (busy) {
            caller.connection().channel().config().setAutoRead(true);
            busy = false;
        }
        active = false;
        caller = null;
    }

    private static String lowerAscii(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }
}
