package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.CommandSpec;
import dev.cinnabar.api.command.KeySpec;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.KeySpecs;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.resp.RespNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and its subcommands. Redis's own commands answer with the metadata recorded from Redis
 * 7.0.15, listing only the subcommands this server actually has; plugin commands are rendered
 * from their {@link CommandSpec} in the same shape.
 */
final class CommandCommands {

    private final Server server;

    CommandCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("command", (ctx, args, reply) -> writeInfos(reply, server.commands().topLevel()));
        r.redisCommand("command|count", (ctx, args, reply) -> reply.integer(server.commands().topLevel().size()));
        r.redisCommand("command|info", this::info);
        r.redisCommand("command|docs", this::docs);
        r.redisCommand("command|list", this::list);
        r.redisCommand("command|getkeys", (ctx, args, reply) -> getKeys(args, reply, false));
        r.redisCommand("command|getkeysandflags", (ctx, args, reply) -> getKeys(args, reply, true));
        r.redisCommand("command|help", (ctx, args, reply) -> HelpReply.write(reply, "COMMAND",
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "GETKEYS <full-command>",
                "    Return the keys from a full Redis command.",
                "GETKEYSANDFLAGS <full-command>",
                "    Return the keys and the access flags from a full Redis command."));
    }

    private void writeInfos(ReplySink reply, Collection<RegisteredCommand> commands) {
        reply.array(commands.size());
        for (RegisteredCommand c : commands) {
            writeInfo(reply, c);
        }
    }

    private void info(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() == 2) {
            writeInfos(reply, server.commands().topLevel());
            return;
        }
        reply.array(args.count() - 2);
        for (int i = 2; i < args.count(); i++) {
            RegisteredCommand c = server.commands().lookup(args.string(i));
            if (c == null) {
                reply.nullBulk();
            } else {
                writeInfo(reply, c);
            }
        }
    }

    /** One 10-element COMMAND INFO entry. */
    static void writeInfo(ReplySink reply, RegisteredCommand c) {
        if (c.reference() != null) {
            List<RespNode> fields = c.reference().info().children();
            reply.array(10);
            for (int i = 0; i < 9; i++) {
                fields.get(i).writeTo(reply);
            }
            List<RegisteredCommand> subs = new ArrayList<>();
            if (fields.get(9) instanceof RespNode.Aggregate recorded) {
                // keep Redis's order, but only what is registered here
                for (RespNode s : recorded.children()) {
                    String full = RespNode.text(((RespNode.Aggregate) s).children().get(0));
                    RegisteredCommand sub = c.subcommand(full.substring(full.indexOf('|') + 1));
                    if (sub != null) {
                        subs.add(sub);
                    }
                }
            }
            for (RegisteredCommand sub : c.subcommands().values()) {
                if (!subs.contains(sub)) {
                    subs.add(sub); // a plugin's own subcommand of a Redis container
                }
            }
            writeSubcommands(reply, subs);
            return;
        }
        CommandSpec spec = c.spec();
        reply.array(10);
        reply.bulk(c.fullName());
        reply.integer(c.arity());
        List<String> flags = new ArrayList<>();
        for (CommandFlag f : CommandFlag.values()) {
            if (c.has(f)) {
                flags.add(f.wireName());
            }
        }
        reply.set(flags.size());
        flags.forEach(reply::simple);
        reply.integer(c.firstKey());
        reply.integer(c.lastKey());
        reply.integer(c.keyStep());
        reply.set(c.aclCategories().size());
        for (String cat : c.aclCategories()) {
            reply.simple(cat.startsWith("@") ? cat : "@" + cat);
        }
        List<String> tips = spec == null ? List.of() : spec.tips();
        reply.set(tips.size());
        tips.forEach(reply::bulk);
        reply.set(c.keySpecs().size());
        for (KeySpec ks : c.keySpecs()) {
            writeKeySpec(reply, ks);
        }
        writeSubcommands(reply, new ArrayList<>(c.subcommands().values()));
    }

    private static void writeSubcommands(ReplySink reply, List<RegisteredCommand> subs) {
        if (subs.isEmpty()) {
            reply.set(0); // Redis answers an empty set, but an array when there are subcommands
            return;
        }
        reply.array(subs.size());
        for (RegisteredCommand s : subs) {
            writeInfo(reply, s);
        }
    }

    private static void writeKeySpec(ReplySink reply, KeySpec ks) {
        boolean notes = !ks.notes().isEmpty();
        reply.map(notes ? 4 : 3);
        if (notes) {
            reply.bulk("notes");
            reply.bulk(ks.notes());
        }
        reply.bulk("flags");
        reply.set(ks.flags().size());
        ks.flags().forEach(reply::simple);
        reply.bulk("begin_search");
        reply.map(2);
        reply.bulk("type");
        if (ks.beginSearch() instanceof KeySpec.BeginSearch.Index i) {
            reply.bulk("index");
            reply.bulk("spec");
            reply.map(1);
            reply.bulk("index");
            reply.integer(i.index());
        } else if (ks.beginSearch() instanceof KeySpec.BeginSearch.Keyword k) {
            reply.bulk("keyword");
            reply.bulk("spec");
            reply.map(2);
            reply.bulk("keyword");
            reply.bulk(k.keyword());
            reply.bulk("startfrom");
            reply.integer(k.startFrom());
        } else {
            reply.bulk("unknown");
            reply.bulk("spec");
            reply.map(0);
        }
        reply.bulk("find_keys");
        reply.map(2);
        reply.bulk("type");
        if (ks.findKeys() instanceof KeySpec.FindKeys.Range r) {
            reply.bulk("range");
            reply.bulk("spec");
            reply.map(3);
            reply.bulk("lastkey");
            reply.integer(r.lastKey());
            reply.bulk("keystep");
            reply.integer(r.keyStep());
            reply.bulk("limit");
            reply.integer(r.limit());
        } else if (ks.findKeys() instanceof KeySpec.FindKeys.KeyNum k) {
            reply.bulk("keynum");
            reply.bulk("spec");
            reply.map(3);
            reply.bulk("keynumidx");
            reply.integer(k.keyNumIdx());
            reply.bulk("firstkey");
            reply.integer(k.firstKey());
            reply.bulk("keystep");
            reply.integer(k.keyStep());
        } else {
            reply.bulk("unknown");
            reply.bulk("spec");
            reply.map(0);
        }
    }

    private void docs(CommandContext ctx, Arguments args, ReplySink reply) {
        List<RegisteredCommand> found = new ArrayList<>();
        if (args.count() == 2) {
            found.addAll(server.commands().topLevel());
        } else {
            for (int i = 2; i < args.count(); i++) {
                RegisteredCommand c = server.commands().lookup(args.string(i));
                if (c != null) {
                    found.add(c); // unknown names are skipped silently, as in Redis
                }
            }
        }
        reply.map(found.size());
        for (RegisteredCommand c : found) {
            reply.bulk(c.fullName());
            writeDocs(reply, c);
        }
    }

    private static void writeDocs(ReplySink reply, RegisteredCommand c) {
        List<RegisteredCommand> subs = new ArrayList<>(c.subcommands().values());
        if (c.reference() != null && c.reference().docs() instanceof RespNode.Aggregate doc) {
            List<RespNode> kv = doc.children();
            int pairs = kv.size() / 2;
            boolean hasSubs = doc.get("subcommands") != null;
            if (hasSubs && subs.isEmpty()) {
                pairs--;
            }
            reply.map(pairs);
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                if ("subcommands".equals(RespNode.text(kv.get(i)))) {
                    if (!subs.isEmpty()) {
                        kv.get(i).writeTo(reply);
                        writeSubDocs(reply, c, (RespNode.Aggregate) kv.get(i + 1), subs);
                    }
                    continue;
                }
                kv.get(i).writeTo(reply);
                kv.get(i + 1).writeTo(reply);
            }
            return;
        }
        CommandSpec spec = c.spec();
        boolean complexity = spec != null && !spec.complexity().isEmpty();
        int pairs = 3 + (complexity ? 1 : 0) + (subs.isEmpty() ? 0 : 1);
        reply.map(pairs);
        reply.bulk("summary");
        reply.bulk(spec == null ? "" : spec.summary());
        reply.bulk("since");
        reply.bulk(spec == null ? "" : spec.since());
        reply.bulk("group");
        reply.bulk(spec == null ? "" : spec.group());
        if (complexity) {
            reply.bulk("complexity");
            reply.bulk(spec.complexity());
        }
        if (!subs.isEmpty()) {
            reply.bulk("subcommands");
            reply.map(subs.size());
            for (RegisteredCommand s : subs) {
                reply.bulk(s.fullName());
                writeDocs(reply, s);
            }
        }
    }

    /** A container's recorded sub-docs, filtered to registered subcommands, in Redis's order. */
    private static void writeSubDocs(ReplySink reply, RegisteredCommand c, RespNode.Aggregate recorded,
                                     List<RegisteredCommand> subs) {
        List<RegisteredCommand> ordered = new ArrayList<>();
        List<RespNode> kv = recorded.children();
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            String full = RespNode.text(kv.get(i));
            RegisteredCommand s = c.subcommand(full.substring(full.indexOf('|') + 1));
            if (s != null) {
                ordered.add(s);
            }
        }
        for (RegisteredCommand s : subs) {
            if (!ordered.contains(s)) {
                ordered.add(s);
            }
        }
        reply.map(ordered.size());
        for (RegisteredCommand s : ordered) {
            reply.bulk(s.fullName());
            writeDocs(reply, s);
        }
    }

    private void list(CommandContext ctx, Arguments args, ReplySink reply) {
        String filter = null, arg = null;
        if (args.count() == 5 && args.is(2, "filterby")) {
            filter = args.string(3).toLowerCase(Locale.ROOT);
            arg = args.string(4);
            if (!filter.equals("module") && !filter.equals("aclcat") && !filter.equals("pattern")) {
                throw CommandException.syntax();
            }
        } else if (args.count() != 2) {
            throw CommandException.syntax();
        }
        List<String> names = new ArrayList<>();
        for (RegisteredCommand c : server.commands().topLevel()) {
            addIfMatches(names, c, filter, arg);
            for (RegisteredCommand s : c.subcommands().values()) {
                addIfMatches(names, s, filter, arg);
            }
        }
        reply.array(names.size());
        names.forEach(reply::bulk);
    }

    private static void addIfMatches(List<String> out, RegisteredCommand c, String filter, String arg) {
        boolean ok;
        if (filter == null) {
            ok = true;
        } else if (filter.equals("pattern")) {
            ok = GlobMatcher.matches(latin1(arg), latin1(c.fullName()), true);
        } else if (filter.equals("aclcat")) {
            ok = c.aclCategories().stream().anyMatch(cat -> cat.equalsIgnoreCase("@" + arg) || cat.equalsIgnoreCase(arg));
        } else {
            // only a plugin's own commands belong to a "module"; Redis's commands are built in
            ok = c.spec() != null && arg.equals(c.owner());
        }
        if (ok) {
            out.add(c.fullName());
        }
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS, with Redis's four error texts. */
    private void getKeys(Arguments args, ReplySink reply, boolean withFlags) {
        byte[][] argv = Arrays.copyOfRange(args.raw(), 2, args.count());
        RegisteredCommand cmd = server.commands().lookup(args.string(2));
        if (cmd != null && cmd.parent() == null && !cmd.subcommands().isEmpty() && argv.length >= 2) {
            cmd = cmd.subcommand(new String(argv[1], java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
        }
        if (cmd == null || args.string(2).indexOf('|') >= 0) {
            throw new CommandException("ERR Invalid command specified");
        }
        boolean hasKeys = cmd.keySpecs().stream().anyMatch(ks -> !ks.flags().contains("not_key"));
        if (!hasKeys) {
            throw new CommandException("ERR The command has no key arguments");
        }
        if (!cmd.arityOk(argv.length)) {
            throw new CommandException("ERR Invalid number of arguments specified for command");
        }
        List<int[]> found = new ArrayList<>(); // {position, spec index}
        for (int s = 0; s < cmd.keySpecs().size(); s++) {
            List<Integer> pos = KeySpecs.keyPositions(List.of(cmd.keySpecs().get(s)), argv);
            if (pos == null) {
                found = null;
                break;
            }
            for (int p : pos) {
                found.add(new int[] {p, s});
            }
        }
        if (found == null || found.isEmpty()) {
            if (cmd.has(CommandFlag.NO_MANDATORY_KEYS)) {
                reply.array(0);
                return;
            }
            throw new CommandException("ERR Invalid arguments specified for command");
        }
        reply.array(found.size());
        for (int[] f : found) {
            if (withFlags) {
                reply.array(2);
                reply.bulk(argv[f[0]]);
                List<String> flags = cmd.keySpecs().get(f[1]).flags();
                if (flags.contains("variable_flags")) {
                    flags = VariableKeyFlags.resolve(cmd.fullName(), argv, flags);
                }
                reply.set(flags.size());
                flags.forEach(reply::simple);
            } else {
                reply.bulk(argv[f[0]]);
            }
        }
    }

    private static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
