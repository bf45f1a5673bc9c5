package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.kernel.Server;

/**
 * The commands the kernel implements itself, because they need its internals: connections,
 * server administration, introspection. Each group lives in its own class.
 */
public final class KernelCommands implements CommandFamily {

    private final Server server;

    public KernelCommands(Server server) {
        this.server = server;
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public void register(CommandRegistrar r) {
        new ConnectionCommands(server).register(r);
        new HandshakeCommands(server).register(r);
        new TransactionCommands(server).register(r);
        new ClientCommands(server).register(r);
        new MonitorFeed(server).register(r);
        new ServerAdminCommands(server).register(r);
        new PersistenceCommands(server).register(r);
        new SlowLog(server).register(r);
        new LatencyMonitor(server).register(r);
        new CommandCommands(server).register(r);
        new InfoCommand(server).register(r);
        new ConfigCommands(server).register(r);
        new DebugCommand(server).register(r);
        new PluginCommands(server).register(r);
        new ModuleCommands(server).register(r);
        new dev.cinnabar.kernel.pubsub.PubSubCommands(server).register(r);
    }
}
