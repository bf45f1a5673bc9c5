package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.plugin.PluginHost.PluginInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Redis's {@code MODULE} command over Cinnabar's plugins: {@code MODULE LIST} shows each started
 * plugin as a module (clients such as redis-py and Redis OM read it to detect features), with
 * {@code ver} encoded as Redis modules do ({@code major*10000 + minor*100 + patch}). Cinnabar
 * cannot load Redis's native modules, so {@code LOAD}/{@code LOADEX} fail as Redis does when a
 * module cannot be loaded; a Cinnabar plugin's folder or zip loads as with {@code PLUGIN LOAD}, and
 * {@code MODULE UNLOAD <id>} unloads a plugin as {@code PLUGIN UNLOAD} does.
 * The dispatcher gates the whole command on {@code enable-module-command}, as Redis does.
 */
final class ModuleCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleCommands.class);

    private static final List<String> HELP = List.of(
            "LIST",
            "    Return a list of loaded modules.",
            "LOAD <path> [<arg> ...]",
            "    Load a module library from <path>, passing to it any optional arguments.",
            "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
            "    Load a module library from <path>, while passing it module configurations and optional arguments.",
            "UNLOAD <name>",
            "    Unload a module.");

    private static final String LOAD_FAILED = "ERR Error loading the extension. Please check the server logs.";

    private final Server server;

    ModuleCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("module|help", (ctx, args, reply) -> HelpReply.write(reply, "MODULE", HELP.toArray(new String[0])));
        r.redisCommand("module|list", this::list);
        r.redisCommand("module|load", this::load);
        r.redisCommand("module|loadex", this::load);
        r.redisCommand("module|unload", this::unload);
    }

    private List<PluginInfo> started() {
        return server.plugins().list().stream().filter(p -> "started".equals(p.state())).toList();
    }

    private void list(CommandContext ctx, Arguments args, ReplySink reply) {
        List<PluginInfo> plugins = started();
        reply.array(plugins.size());
        for (PluginInfo p : plugins) {
            reply.map(4);
            reply.bulk("name");
            reply.bulk(p.id());
            reply.bulk("ver");
            reply.integer(moduleVersion(p.version()));
            reply.bulk("path");
            reply.bulk(p.path());
            reply.bulk("args");
            reply.array(0);
        }
    }

    /** {@code "2.4.7"} as Redis modules report it: 20407. Qualifiers such as {@code -SNAPSHOT} are ignored. */
    static long moduleVersion(String version) {
        String[] parts = version == null ? new String[0] : version.split("[.]");
        long v = 0;
        for (int i = 0; i < 3; i++) {
            long n = 0;
            if (i < parts.length) {
                String digits = parts[i].replaceAll("[^0-9].*$", "");
                n = digits.isEmpty() ? 0 : Math.min(99, Long.parseLong(digits.length() > 9 ? digits.substring(0, 9) : digits));
            }
            v = v * 100 + n;
        }
        return v;
    }

    /**
     * A Cinnabar plugin (a folder or zip with {@code plugin.properties}) loads as with
     * {@code PLUGIN LOAD} and answers OK. Anything else (a Redis module's shared library, a
     * missing path, a plugin that fails, arguments, which plugins do not take) fails with Redis's
     * one error text, the reason in the log, as Redis does.
     */
    private void load(CommandContext ctx, Arguments args, ReplySink reply) {
        String path = new String(args.get(2), StandardCharsets.UTF_8);
        if (args.count() > 3) {
            LOG.warn("Module {} failed to load: Cinnabar plugins take no arguments", path);
            throw new CommandException(LOAD_FAILED);
        }
        java.nio.file.Path p;
        try {
            p = java.nio.file.Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            LOG.warn("Module {} failed to load: {}", path, e.getMessage());
            throw new CommandException(LOAD_FAILED);
        }
        if (!isPlugin(p)) {
            LOG.warn("Module {} failed to load: not a Cinnabar plugin (a folder or zip with plugin.properties); "
                    + "Cinnabar cannot load Redis modules (native libraries)", path);
            throw new CommandException(LOAD_FAILED);
        }
        try {
            PluginCommands.load(server, path);
        } catch (CommandException e) {
            throw new CommandException(LOAD_FAILED);
        }
        reply.ok();
    }

    private static boolean isPlugin(java.nio.file.Path p) {
        if (java.nio.file.Files.isDirectory(p)) {
            return true;
        }
        return java.nio.file.Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /** Unloads the plugin of that id, with Redis's texts for a missing module and a refusal. */
    private void unload(CommandContext ctx, Arguments args, ReplySink reply) {
        String name = new String(args.get(2), StandardCharsets.UTF_8);
        try {
            if (!server.plugins().unload(name)) {
                throw new CommandException("ERR Error unloading module: no such module with that name");
            }
        } catch (dev.cinnabar.kernel.plugin.PluginHost.UnloadRefused e) {
            LOG.warn("Module {} was not unloaded: {}", name, e.getMessage());
            throw new CommandException("ERR Error unloading module: " + e.getMessage());
        }
        reply.ok();
    }
}
