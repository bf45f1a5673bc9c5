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

    @Override
    public String interruption() {
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
        active = false;
        caller = null;
    }

    private static String lowerAscii(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }
}
