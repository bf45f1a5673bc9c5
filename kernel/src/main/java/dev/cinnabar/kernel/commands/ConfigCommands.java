package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.config.ConfigEntry;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.log.Logging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET, SET, RESETSTAT, REWRITE, HELP ({@code config.c}). */
final class ConfigCommands {

    private final Server server;

    ConfigCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("config|get", this::get);
        r.redisCommand("config|set", this::set);
        r.redisCommand("config|resetstat", this::resetStat);
        r.redisCommand("config|rewrite", this::rewrite);
        r.redisCommand("config|help", (ctx, args, reply) -> HelpReply.write(reply, "CONFIG",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "REWRITE",
                "    Rewrite the configuration file."));
        // run-time effects of the kernel's own parameters
        var config = server.config();
        config.onChange("hz", v -> server.scheduleCron());
        config.onChange("active-expire-effort", v -> server.activeExpire().effort(Integer.parseInt(v)));
        config.onChange("loglevel", v -> Logging.apply(v, null));
    }

    /** Exact names answer under the name as sent; globs match names and aliases, ignoring case. */
    private void get(CommandContext ctx, Arguments args, ReplySink reply) {
        Map<String, ConfigEntry> matches = new LinkedHashMap<>();
        for (int i = 2; i < args.count(); i++) {
            String p = args.string(i);
            if (p.indexOf('*') < 0 && p.indexOf('?') < 0 && p.indexOf('[') < 0) {
                ConfigEntry e = server.config().entry(p);
                if (e != null && !containsIgnoreCase(matches, p)) {
                    matches.put(p, e);
                }
                continue;
            }
            for (Map.Entry<String, ConfigEntry> n : server.config().allNames().entrySet()) {
                if (dev.cinnabar.kernel.config.KernelParameters.HIDDEN.contains(n.getKey())) {
                    continue;
                }
                if (!containsIgnoreCase(matches, n.getKey()) && GlobMatcher.matches(latin1(p), latin1(n.getKey()), true)) {
                    matches.put(n.getKey(), n.getValue());
                }
            }
        }
        reply.map(matches.size());
        for (Map.Entry<String, ConfigEntry> m : matches.entrySet()) {
            reply.bulk(m.getKey().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            reply.bulk(m.getValue().value());
        }
    }

    private static boolean containsIgnoreCase(Map<String, ConfigEntry> m, String key) {
        for (String k : m.keySet()) {
            if (k.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * All or nothing, in Redis's order: every name is checked first (unknown, immutable, protected,
     * duplicate: the first problem wins), then every value is validated and stored, and only then
     * are the changes applied; a refused value restores what was stored before.
     */
    private void set(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() % 2 != 0) {
            throw CommandException.syntax();
        }
        int n = (args.count() - 2) / 2;
        List<ConfigEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = args.string(2 + 2 * i);
            ConfigEntry e = server.config().entry(name);
            if (e == null) {
                throw new CommandException("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
            }
            if (e.parameter().immutable()) {
                throw setFailed(name, "can't set immutable config");
            }
            if (e.isProtected() && !protectedAllowed(ctx)) {
                throw setFailed(name, "can't set protected config");
            }
            // an alias is a separate entry for this check, as in Redis
            for (int j = 0; j < i; j++) {
                if (args.string(2 + 2 * j).equalsIgnoreCase(name)) {
                    throw setFailed(name, "duplicate parameter");
                }
            }
            entries.add(e);
        }
        List<String> previous = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ConfigEntry e = entries.get(i);
            String value = args.string(3 + 2 * i);
            String error = e.validate(value);
            if (error != null) {
                for (int j = i - 1; j >= 0; j--) {
                    server.config().assign(entries.get(j), previous.get(j));
                }
                throw setFailed(args.string(2 + 2 * i).toLowerCase(Locale.ROOT), error);
            }
            previous.add(e.value());
            server.config().assign(e, value);
        }
        for (ConfigEntry e : entries) {
            server.config().notifyChanged(e);
        }
        reply.ok();
    }

    private static CommandException setFailed(String name, String reason) {
        return new CommandException("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }

    private boolean protectedAllowed(CommandContext ctx) {
        String mode = server.config().get("enable-protected-configs");
        if ("yes".equals(mode)) {
            return true;
        }
        return "local".equals(mode) && ((ClientContext) ctx).connection().channel().remoteAddress()
                instanceof InetSocketAddress a && a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    private void resetStat(CommandContext ctx, Arguments args, ReplySink reply) {
        server.stats().reset();
        server.keyspace().stats().reset();
        for (RegisteredCommand c : server.commands().all()) {
            c.resetStats();
        }
        reply.ok();
    }

    private void rewrite(CommandContext ctx, Arguments args, ReplySink reply) {
        if (server.config().configFile() == null) {
            throw new CommandException("ERR The server is running without a config file");
        }
        try {
            ConfigRewriter.rewrite(server.config());
        } catch (IOException e) {
            throw new CommandException("ERR Rewriting config file: " + describe(e));
        }
        reply.ok();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }


    private static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
