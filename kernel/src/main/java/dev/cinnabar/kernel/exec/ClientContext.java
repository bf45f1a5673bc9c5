package dev.cinnabar.kernel.exec;

import dev.cinnabar.api.command.ClientInfo;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.net.Client;

/**
 * The {@link CommandContext} of one client, reused for each of its commands. Kernel commands cast
 * to it to reach the server and the connection.
 */
public final class ClientContext implements CommandContext {

    private final Server server;
    private final Client client;
    private RegisteredCommand command;
    private boolean denyBlocking;
    private byte[][] argv;

    public ClientContext(Server server, Client client) {
        this.server = server;
        this.client = client;
    }

    public Server server() {
        return server;
    }

    /** The kernel's view of the connection. */
    public Client connection() {
        return client;
    }

    void command(RegisteredCommand c, byte[][] argv) {
        command = c;
        this.argv = argv;
    }

    public RegisteredCommand command() {
        return command;
    }

    /** The running (or blocked) command's arguments. */
    public byte[][] argv() {
        return argv;
    }

    @Override
    public Database db() {
        return server.keyspace().db(client.database());
    }

    @Override
    public Database db(int index) {
        return server.keyspace().db(index);
    }

    @Override
    public int databaseCount() {
        return server.keyspace().count();
    }

    @Override
    public long now() {
        return server.keyspace().now();
    }

    @Override
    public ClientInfo client() {
        return client;
    }

    @Override
    public ConfigView config() {
        return server.config();
    }

    @Override
    public void swapDatabases(int a, int b) {
        server.keyspace().swap(a, b);
    }

    @Override
    public boolean blockingAllowed() {
        return !denyBlocking;
    }

    /**
     * Hook for MULTI/EXEC and scripting: while set, blocking commands answer at once as if timed
     * out (Redis's {@code CLIENT_DENY_BLOCKING}). EXEC and script calls set it around their
     * commands and clear it afterwards.
     */
    public void denyBlocking(boolean deny) {
        denyBlocking = deny;
    }

    @Override
    public void block(java.util.List<byte[]> keys, long timeoutMillis, dev.cinnabar.api.command.BlockedCommand cmd) {
        if (denyBlocking) {
            throw new IllegalStateException("blocking is not allowed here");
        }
        server.blockedClients().block(this, keys, timeoutMillis, cmd);
    }

    @Override
    public String commandName() {
        return command == null ? "" : command.fullName();
    }

    @Override
    public dev.cinnabar.api.script.ScriptEngine scriptEngine(String name) {
        return server.scriptEngines().get(name);
    }

    @Override
    public dev.cinnabar.api.script.ScriptHost beginScript(dev.cinnabar.api.script.ScriptOptions options) {
        return server.scriptSession().begin(this, options);
    }

    @Override
    public void feedMonitors() {
        server.dispatcher().feedMonitors(client, command, argv);
    }

    @Override
    public boolean outOfMemory() {
        return server.outOfMemory();
    }

    @Override
    public String persistenceWriteError() {
        return server.dispatcher().persistenceWriteError();
    }

    @Override
    public String killRunningScript(boolean function) {
        return server.scriptSession().kill(function);
    }

    @Override
    public void countChanges(long n) {
        server.persistence().countChanges(n);
    }

    @Override
    public void propagate(byte[]... argv) {
        server.propagator().override(argv);
    }

    @Override
    public boolean scriptBusy() {
        return server.scriptSession().busy();
    }
}
