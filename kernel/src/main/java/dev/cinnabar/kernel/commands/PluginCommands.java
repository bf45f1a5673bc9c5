package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.CommandSpec;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.plugin.PluginHost;
import dev.cinnabar.kernel.plugin.PluginHost.PluginInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code PLUGIN}, a command of Cinnabar's own: {@code LIST} shows every plugin the host found,
 * loaded or refused; {@code LOAD} and {@code UNLOAD} change the set at run time. Both run on the
 * executor like any command, so a plugin's commands appear and disappear between two commands of
 * every client. {@code LOAD}/{@code UNLOAD} are guarded by {@code enable-module-command}, as
 * Redis guards {@code MODULE LOAD}.
 */
final class PluginCommands {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCommands.class);

    static final String LOAD_FAILED = "ERR Error loading plugin: ";
    static final String UNLOAD_FAILED = "ERR Error unloading plugin: ";
    static final String NO_SUCH_PLUGIN = UNLOAD_FAILED + "no such plugin with that name";

    private static final List<String> HELP = List.of(
            "LIST",
            "    Return every plugin: id, version, state, path, required API version, command families",
            "    and, for a plugin that start-up refused, the reason.",
            "LOAD <path>",
            "    Load and start the plugin in the folder or zip at <path> (on the server's file system);",
            "    return its id. Not kept across restarts: put it in the plugins directory for that.",
            "UNLOAD <id>",
            "    Remove the plugin's commands, engines, configuration and INFO fields and unload it.",
            "    Refused while other plugins depend on it, function libraries use its engine, clients",
            "    are blocked in its commands or keys hold values of its types.",
            "LEAKS",
            "    Run a garbage collection and return the unloaded plugins whose classes are still",
            "    reachable (a thread local or thread left behind, a static cache).");

    private final Server server;

    PluginCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        // the container is the kernel's own, so it goes straight into the table
        server.commands().registerContainer(CommandSpec.builder("plugin").arity(-2)
                .summary("A container for plugin commands").since("0.1.0").group("server")
                .complexity("Depends on subcommand.").build(), "kernel");
        r.command(CommandSpec.builder("plugin|help").arity(2).flags(CommandFlag.LOADING, CommandFlag.STALE)
                .summary("Show helpful text about the different subcommands").since("0.1.0").group("server")
                .complexity("O(1)").build(), (ctx, args, reply) -> HelpReply.write(reply, "PLUGIN", HELP.toArray(new String[0])));
        r.command(CommandSpec.builder("plugin|list").arity(2).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT)
                .aclCategories("@admin", "@slow", "@dangerous")
                .summary("List the plugins found at start-up, loaded or not").since("0.1.0").group("server")
                .complexity("O(N) where N is the number of plugins.").build(), this::list);
        r.command(CommandSpec.builder("plugin|load").arity(3).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_ASYNC_LOADING)
                .aclCategories("@admin", "@slow", "@dangerous")
                .summary("Load a plugin from a folder or zip").since("0.1.0").group("server")
                .complexity("O(1)").build(), this::load);
        r.command(CommandSpec.builder("plugin|unload").arity(3).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_ASYNC_LOADING)
                .aclCategories("@admin", "@slow", "@dangerous")
                .summary("Unload a plugin").since("0.1.0").group("server")
                .complexity("O(N) where N is the number of keys (values of the plugin's types are looked for).")
                .build(), this::unload);
        r.command(CommandSpec.builder("plugin|leaks").arity(2).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT)
                .aclCategories("@admin", "@slow", "@dangerous")
                .summary("List unloaded plugins whose classes are still reachable").since("0.1.0").group("server")
                .complexity("A full garbage collection.").build(), this::leaks);
    }

    private void load(CommandContext ctx, Arguments args, ReplySink reply) {
        String id = load(server, new String(args.get(2), StandardCharsets.UTF_8));
        reply.bulk(id);
    }

    /** Loads the plugin at {@code path}; throws the reply's error text. Shared with MODULE LOAD. */
    static String load(Server server, String path) {
        try {
            return server.plugins().load(Path.of(path));
        } catch (IllegalArgumentException e) { // InvalidPathException included
            LOG.warn("Plugin at {} was not loaded: {}", path, e.getMessage());
            throw new CommandException(LOAD_FAILED + e.getMessage());
        }
    }

    private void unload(CommandContext ctx, Arguments args, ReplySink reply) {
        String id = new String(args.get(2), StandardCharsets.UTF_8);
        try {
            if (!server.plugins().unload(id)) {
                throw new CommandException(NO_SUCH_PLUGIN);
            }
        } catch (PluginHost.UnloadRefused e) {
            throw new CommandException(UNLOAD_FAILED + e.getMessage());
        }
        reply.ok();
    }

    private void leaks(CommandContext ctx, Arguments args, ReplySink reply) {
        List<String> ids = server.plugins().leaks();
        reply.array(ids.size());
        for (String id : ids) {
            reply.bulk(id);
        }
    }

    private void list(CommandContext ctx, Arguments args, ReplySink reply) {
        List<PluginInfo> plugins = server.plugins().list();
        reply.array(plugins.size());
        for (PluginInfo p : plugins) {
            reply.map(7);
            reply.bulk("id");
            reply.bulk(p.id());
            reply.bulk("version");
            reply.bulk(nonNull(p.version()));
            reply.bulk("state");
            reply.bulk(nonNull(p.state()));
            reply.bulk("path");
            reply.bulk(nonNull(p.path()));
            reply.bulk("requires");
            reply.bulk(nonNull(p.requires()));
            reply.bulk("families");
            reply.array(p.families().size());
            for (String f : p.families()) {
                reply.bulk(f);
            }
            reply.bulk("error");
            if (p.error() == null) {
                reply.nullBulk();
            } else {
                reply.bulk(p.error());
            }
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
