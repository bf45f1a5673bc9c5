package dev.cinnabar.kernel.command;

import dev.cinnabar.api.command.Command;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandSpec;
import dev.cinnabar.api.command.KeySpec;
import dev.cinnabar.kernel.resp.RespNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A command in the table: what the dispatcher checks (arity, flags), the implementation, where its
 * {@code COMMAND INFO}/{@code DOCS} come from, and its statistics for {@code INFO commandstats}.
 * A container ({@code CONFIG}, {@code CLIENT}, ...) has subcommands and no implementation.
 */
public final class RegisteredCommand {

    private final String fullName;
    private final String name;
    private final int arity;
    private final Set<CommandFlag> flags;
    private final int firstKey, lastKey, keyStep;
    private final List<String> aclCategories;
    private final List<KeySpec> keySpecs;
    private final RedisCommandReference.Entry reference;
    private final CommandSpec spec;
    private final RegisteredCommand parent;
    private final Map<String, RegisteredCommand> subcommands = new LinkedHashMap<>();
    private Command implementation;
    private String owner;
    /** Unregistered (its plugin was unloaded): a MULTI queue that still holds it must not call it. */
    private volatile boolean retired;

    // fast paths for the dispatcher
    final boolean write, noAuth, noScript, allowBusy, loadingOk, denyOom, noMulti, admin, skipMonitor;

    // INFO commandstats
    public long calls, microseconds, rejectedCalls, failedCalls;

    private RegisteredCommand(String fullName, int arity, Set<CommandFlag> flags, int firstKey, int lastKey,
                              int keyStep, List<String> acl, List<KeySpec> keySpecs,
                              RedisCommandReference.Entry reference, CommandSpec spec, RegisteredCommand parent) {
        this.fullName = fullName;
        int bar = fullName.indexOf('|');
        this.name = bar < 0 ? fullName : fullName.substring(bar + 1);
        this.arity = arity;
        this.flags = flags;
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        this.aclCategories = acl;
        this.keySpecs = keySpecs;
        this.reference = reference;
        this.spec = spec;
        this.parent = parent;
        write = flags.contains(CommandFlag.WRITE);
        noAuth = flags.contains(CommandFlag.NO_AUTH);
        noScript = flags.contains(CommandFlag.NOSCRIPT);
        allowBusy = flags.contains(CommandFlag.ALLOW_BUSY);
        loadingOk = flags.contains(CommandFlag.LOADING);
        denyOom = flags.contains(CommandFlag.DENYOOM);
        noMulti = flags.contains(CommandFlag.NO_MULTI);
        admin = flags.contains(CommandFlag.ADMIN);
        skipMonitor = flags.contains(CommandFlag.SKIP_MONITOR);
    }

    /** From Redis's recorded metadata. */
    static RegisteredCommand fromReference(RedisCommandReference.Entry ref, RegisteredCommand parent) {
        List<RespNode> c = ref.info().children();
        int arity = (int) ((RespNode.Int) c.get(1)).value();
        Set<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        for (RespNode f : ((RespNode.Aggregate) c.get(2)).children()) {
            CommandFlag flag = CommandFlag.fromWireName(RespNode.text(f));
            if (flag != null) {
                flags.add(flag);
            }
        }
        List<String> acl = new ArrayList<>();
        for (RespNode a : ((RespNode.Aggregate) c.get(6)).children()) {
            acl.add(RespNode.text(a));
        }
        List<KeySpec> keySpecs = new ArrayList<>();
        for (RespNode ks : ((RespNode.Aggregate) c.get(8)).children()) {
            keySpecs.add(KeySpecs.fromNode((RespNode.Aggregate) ks));
        }
        return new RegisteredCommand(ref.fullName(), arity, flags,
                (int) ((RespNode.Int) c.get(3)).value(), (int) ((RespNode.Int) c.get(4)).value(),
                (int) ((RespNode.Int) c.get(5)).value(), acl, keySpecs, ref, null, parent);
    }

    /** From a plugin's own spec. */
    static RegisteredCommand fromSpec(CommandSpec spec, RegisteredCommand parent) {
        List<KeySpec> ks = spec.keySpecs();
        if (ks.isEmpty() && spec.firstKey() > 0) {
            int last = spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey();
            ks = List.of(KeySpec.range(spec.firstKey(), last, spec.keyStep()));
        }
        return new RegisteredCommand(spec.name(), spec.arity(), spec.flags(), spec.firstKey(), spec.lastKey(),
                spec.keyStep(), List.copyOf(spec.aclCategories()), ks, null, spec, parent);
    }

    public String fullName() {
        return fullName;
    }

    /** The name without the container ("get", "encoding"). */
    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public Set<CommandFlag> flags() {
        return flags;
    }

    public boolean has(CommandFlag f) {
        return flags.contains(f);
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public List<String> aclCategories() {
        return aclCategories;
    }

    public List<KeySpec> keySpecs() {
        return keySpecs;
    }

    public RedisCommandReference.Entry reference() {
        return reference;
    }

    public CommandSpec spec() {
        return spec;
    }

    public RegisteredCommand parent() {
        return parent;
    }

    public boolean isContainer() {
        return !subcommands.isEmpty() && implementation == null;
    }

    public Map<String, RegisteredCommand> subcommands() {
        return subcommands;
    }

    public RegisteredCommand subcommand(String lowerName) {
        return subcommands.get(lowerName);
    }

    void addSubcommand(RegisteredCommand sub) {
        subcommands.put(sub.name().toLowerCase(Locale.ROOT), sub);
    }

    public Command implementation() {
        return implementation;
    }

    void implementation(Command c, String owner) {
        this.implementation = c;
        this.owner = owner;
    }

    /** True once the command left the table (PLUGIN UNLOAD). */
    public boolean retired() {
        return retired;
    }

    void retire() {
        retired = true;
        // a client's last command (CLIENT LIST's cmd=) may keep this object: it must not keep the plugin's code
        implementation = null;
        subcommands.values().forEach(RegisteredCommand::retire);
    }

    /** The plugin (or "kernel") that provides the implementation. */
    public String owner() {
        return owner;
    }

    public boolean arityOk(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public void resetStats() {
        calls = microseconds = rejectedCalls = failedCalls = 0;
    }
}
