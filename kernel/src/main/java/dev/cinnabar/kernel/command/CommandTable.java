package dev.cinnabar.kernel.command;

import dev.cinnabar.api.command.Command;
import dev.cinnabar.api.command.CommandSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command table: top-level commands by lower-case name, containers holding their
 * subcommands. Changed only on the executor (plugin load and unload), so lookups need no locks.
 */
public final class CommandTable {

    private final RedisCommandReference reference;
    private final Map<String, RegisteredCommand> commands = new HashMap<>();

    public CommandTable(RedisCommandReference reference) {
        this.reference = reference;
    }

    public RedisCommandReference reference() {
        return reference;
    }

    /** The top-level command named by {@code name} (any case), or null. */
    public RegisteredCommand lookup(byte[] name) {
        // ASCII lower-casing into a String: the one allocation per request for the lookup
        char[] c = new char[name.length];
        for (int i = 0; i < name.length; i++) {
            int b = name[i] & 0xff;
            c[i] = (char) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        return commands.get(new String(c));
    }

    /** By full name ({@code "get"}, {@code "config|get"}), any case; null when absent. */
    public RegisteredCommand lookup(String fullName) {
        String n = fullName.toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        if (bar < 0) {
            return commands.get(n);
        }
        RegisteredCommand parent = commands.get(n.substring(0, bar));
        return parent == null ? null : parent.subcommand(n.substring(bar + 1));
    }

    public Collection<RegisteredCommand> topLevel() {
        return commands.values();
    }

    /** Every command and subcommand. */
    public List<RegisteredCommand> all() {
        List<RegisteredCommand> out = new ArrayList<>();
        for (RegisteredCommand c : commands.values()) {
            out.add(c);
            out.addAll(c.subcommands().values());
        }
        return out;
    }

    /** Registers an implementation of one of Redis's commands. */
    public RegisteredCommand registerRedis(String fullName, Command impl, String owner) {
        String n = fullName.toLowerCase(Locale.ROOT);
        RedisCommandReference.Entry ref = reference.get(n);
        if (ref == null) {
            throw new IllegalArgumentException("Redis 7.0 has no command '" + fullName + "'");
        }
        int bar = n.indexOf('|');
        if (bar < 0) {
            RegisteredCommand existing = commands.get(n);
            if (existing != null && existing.implementation() != null) {
                throw new IllegalArgumentException("command '" + n + "' is already registered by " + existing.owner());
            }
            RegisteredCommand cmd = existing != null ? existing : RegisteredCommand.fromReference(ref, null);
            cmd.implementation(impl, owner);
            commands.put(n, cmd);
            return cmd;
        }
        RegisteredCommand parent = containerFor(n.substring(0, bar));
        if (parent.subcommand(n.substring(bar + 1)) != null) {
            throw new IllegalArgumentException("command '" + n + "' is already registered");
        }
        RegisteredCommand sub = RegisteredCommand.fromReference(ref, parent);
        sub.implementation(impl, owner);
        parent.addSubcommand(sub);
        return sub;
    }

    /** Registers a command of a plugin's own. */
    public RegisteredCommand register(CommandSpec spec, Command impl, String owner) {
        String n = spec.name();
        int bar = n.indexOf('|');
        if (bar < 0) {
            if (commands.containsKey(n)) {
                throw new IllegalArgumentException("command '" + n + "' is already registered by " + commands.get(n).owner());
            }
            RegisteredCommand cmd = RegisteredCommand.fromSpec(spec, null);
            cmd.implementation(impl, owner);
            commands.put(n, cmd);
            return cmd;
        }
        RegisteredCommand parent = commands.get(n.substring(0, bar));
        if (parent == null) {
            throw new IllegalArgumentException("no container command '" + n.substring(0, bar) + "' for " + n);
        }
        RegisteredCommand sub = RegisteredCommand.fromSpec(spec, parent);
        sub.implementation(impl, owner);
        parent.addSubcommand(sub);
        return sub;
    }

    /** A plugin's own container command (its subcommands are registered with {@link #register}). */
    public RegisteredCommand registerContainer(CommandSpec spec, String owner) {
        if (commands.containsKey(spec.name())) {
            throw new IllegalArgumentException("command '" + spec.name() + "' is already registered");
        }
        RegisteredCommand cmd = RegisteredCommand.fromSpec(spec, null);
        cmd.implementation(null, owner);
        commands.put(spec.name(), cmd);
        return cmd;
    }

    private RegisteredCommand containerFor(String name) {
        RegisteredCommand parent = commands.get(name);
        if (parent == null) {
            RedisCommandReference.Entry ref = reference.get(name);
            if (ref == null) {
                throw new IllegalArgumentException("Redis 7.0 has no container '" + name + "'");
            }
            parent = RegisteredCommand.fromReference(ref, null);
            commands.put(name, parent);
        }
        return parent;
    }

    /** Removes every command and subcommand {@code owner} registered. */
    public void unregisterOwner(String owner) {
        commands.values().removeIf(c -> owner.equals(c.owner()) && c.subcommands().isEmpty() && retire(c));
        for (RegisteredCommand c : commands.values()) {
            c.subcommands().values().removeIf(s -> owner.equals(s.owner()) && retire(s));
        }
        commands.values().removeIf(c -> c.implementation() == null && c.subcommands().isEmpty() && retire(c));
    }

    private static boolean retire(RegisteredCommand c) {
        c.retire();
        return true;
    }
}
