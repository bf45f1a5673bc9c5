package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.CommandSpec;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.plugin.PluginHost.PluginInfo;

import java.util.List;

/**
 * {@code PLUGIN}, a command of Cinnabar's own: {@code PLUGIN LIST} shows every plugin the host
 * found, loaded or refused, with the reason it was refused.
 */
final class PluginCommands {

    private static final List<String> HELP = List.of(
            "LIST",
            "    Return every plugin found at start-up: id, version, state, path, required API version,",
            "    command families and, for a plugin that was refused or failed, the reason.");

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
