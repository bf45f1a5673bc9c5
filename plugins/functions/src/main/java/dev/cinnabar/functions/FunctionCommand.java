package dev.cinnabar.functions;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** FUNCTION LOAD, DELETE, FLUSH, LIST, STATS, KILL, DUMP, RESTORE and HELP (Redis's {@code functions.c}). */
final class FunctionCommand {

    private final FunctionRegistry registry;

    FunctionCommand(FunctionRegistry registry) {
        this.registry = registry;
    }

    /** {@code FUNCTION LOAD [REPLACE] code}: every argument before the last must be REPLACE. */
    void load(CommandContext ctx, Arguments args, ReplySink reply) {
        boolean replace = false;
        int last = args.count() - 1;
        for (int i = 2; i < last; i++) {
            if (!args.is(i, "replace")) {
                throw new CommandException(FunctionErrors.unknownLoadOption(Arguments.cString(args.get(i))));
            }
            replace = true;
        }
        try {
            reply.bulk(registry.load(ctx, args.get(last), replace).getBytes(StandardCharsets.ISO_8859_1));
        } catch (ScriptException e) {
            throw new CommandException(e.errorText());
        }
        ctx.countChanges(1); // functionLoadCommand: server.dirty++ (the libraries are saved with the data)
    }

    void delete(CommandContext ctx, Arguments args, ReplySink reply) {
        try {
            registry.delete(Names.text(args.get(2)));
        } catch (ScriptException e) {
            throw new CommandException(e.errorText());
        }
        ctx.countChanges(1);
        reply.ok();
    }

    void flush(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() > 3) {
            throw new CommandException(FunctionErrors.subcommandSyntax(Arguments.cString(args.get(1))));
        }
        if (args.count() == 3 && !args.is(2, "sync") && !args.is(2, "async")) {
            throw new CommandException(FunctionErrors.FLUSH_OPTION);
        }
        // asynchronous or not, no library is left when the reply goes out
        registry.flush();
        ctx.countChanges(1); // even with no library to remove, as functionFlushCommand
        reply.ok();
    }

    /** {@code FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]}: each option once, in any order. */
    void list(CommandContext ctx, Arguments args, ReplySink reply) {
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < args.count(); i++) {
            if (!withCode && args.is(i, "withcode")) {
                withCode = true;
                continue;
            }
            if (pattern == null && args.is(i, "libraryname")) {
                if (i >= args.count() - 1) {
                    throw new CommandException(FunctionErrors.LIBRARY_NAME_MISSING);
                }
                pattern = args.get(++i);
                continue;
            }
            throw new CommandException(FunctionErrors.unknownListArgument(Arguments.cString(args.get(i))));
        }
        List<Library> shown = new ArrayList<>();
        for (Library lib : registry.current().all()) {
            if (pattern == null || GlobMatcher.matches(pattern, lib.name().getBytes(StandardCharsets.ISO_8859_1), true)) {
                shown.add(lib);
            }
        }
        reply.array(shown.size());
        for (Library lib : shown) {
            reply.map(withCode ? 4 : 3);
            reply.bulk("library_name");
            reply.bulk(lib.name().getBytes(StandardCharsets.ISO_8859_1));
            reply.bulk("engine");
            reply.bulk(lib.engineDisplayName());
            reply.bulk("functions");
            reply.array(lib.functionCount());
            for (LibraryFunction f : lib.functions()) {
                reply.map(3);
                reply.bulk("name");
                reply.bulk(f.name().getBytes(StandardCharsets.ISO_8859_1));
                reply.bulk("description");
                if (f.description() == null) {
                    reply.nullBulk();
                } else {
                    reply.bulk(f.description().getBytes(StandardCharsets.ISO_8859_1));
                }
                reply.bulk("flags");
                reply.set(f.flags().size());
                for (FunctionFlag flag : f.flags()) {
                    reply.simple(flag.wireName());
                }
            }
            if (withCode) {
                reply.bulk("library_code");
                reply.bulk(lib.code());
            }
        }
    }

    /**
     * {@code running_script}: the busy function (served from its poll), else null; a busy EVAL
     * answers BUSY instead. Engines: {@code lua} always (as Redis lists its one engine with no
     * library), others once they run a library.
     */
    void stats(CommandContext ctx, Arguments args, ReplySink reply) {
        FunctionRegistry.Running running = registry.running();
        if (running == null && ctx.scriptBusy()) {
            throw new CommandException("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.");
        }
        Map<String, int[]> engines = new LinkedHashMap<>();
        if (ctx.scriptEngine("lua") != null) {
            engines.put("LUA", new int[2]);
        }
        for (Library lib : registry.current().all()) {
            int[] counts = engines.computeIfAbsent(lib.engineDisplayName(), k -> new int[2]);
            counts[0]++;
            counts[1] += lib.functionCount();
        }
        reply.map(2);
        reply.bulk("running_script");
        if (running == null) {
            reply.nullBulk();
        } else {
            reply.map(3);
            reply.bulk("name");
            reply.bulk(running.name());
            reply.bulk("command");
            reply.array(running.argv().length);
            for (byte[] a : running.argv()) {
                reply.bulk(a);
            }
            reply.bulk("duration_ms");
            reply.integer(System.currentTimeMillis() - running.startMillis());
        }
        reply.bulk("engines");
        reply.map(engines.size());
        for (Map.Entry<String, int[]> e : engines.entrySet()) {
            reply.bulk(e.getKey());
            reply.map(2);
            reply.bulk("libraries_count");
            reply.integer(e.getValue()[0]);
            reply.bulk("functions_count");
            reply.integer(e.getValue()[1]);
        }
    }

    /** Kills the function running past {@code busy-reply-threshold}, if it has not written. */
    void kill(CommandContext ctx, Arguments args, ReplySink reply) {
        String error = ctx.killRunningScript(true);
        if (error != null) {
            throw new CommandException(error);
        }
        reply.ok();
    }

    void dump(CommandContext ctx, Arguments args, ReplySink reply) {
        reply.bulk(FunctionDump.dump(registry.current(), ctx.config().getBoolean("rdbcompression")));
    }

    /** {@code FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE]}: all or nothing. */
    void restore(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() > 4) {
            throw new CommandException(FunctionErrors.subcommandSyntax(Arguments.cString(args.get(1))));
        }
        RestorePolicy policy = RestorePolicy.APPEND;
        if (args.count() == 4) {
            if (args.is(3, "append")) {
                policy = RestorePolicy.APPEND;
            } else if (args.is(3, "replace")) {
                policy = RestorePolicy.REPLACE;
            } else if (args.is(3, "flush")) {
                policy = RestorePolicy.FLUSH;
            } else {
                throw new CommandException(FunctionErrors.RESTORE_POLICY);
            }
        }
        try {
            registry.restore(FunctionDump.restore(ctx, registry, args.get(2)), policy);
        } catch (ScriptException e) {
            throw new CommandException(e.errorText());
        }
        ctx.countChanges(1);
        reply.ok();
    }

    void help(CommandContext ctx, Arguments args, ReplySink reply) {
        HelpReply.write(reply, "FUNCTION",
                "LOAD [REPLACE] <FUNCTION CODE>",
                "    Create a new library with the given library name and code.",
                "DELETE <LIBRARY NAME>",
                "    Delete the given library.",
                "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
                "    Return general information on all the libraries:",
                "    * Library name",
                "    * The engine used to run the Library",
                "    * Library description",
                "    * Functions list",
                "    * Library code (if WITHCODE is given)",
                "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
                "STATS",
                "    Return information about the current function running:",
                "    * Function name",
                "    * Command used to run the function",
                "    * Duration in MS that the function is running",
                "    If no function is running, return nil",
                "    In addition, returns a list of available engines.",
                "KILL",
                "    Kill the current running function.",
                "FLUSH [ASYNC|SYNC]",
                "    Delete all the libraries.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the libraries.",
                "    * SYNC: Synchronously flush the libraries.",
                "DUMP",
                "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
                "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
                "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
                "    control how to handle existing libraries (default APPEND):",
                "    * FLUSH: delete all existing libraries.",
                "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
                "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
                "      libraries with the new libraries (notice that even on this option there is a chance of failure",
                "      in case of functions name collision with another library).");
    }
}
