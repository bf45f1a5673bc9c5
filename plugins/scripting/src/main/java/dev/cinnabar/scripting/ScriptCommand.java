package dev.cinnabar.scripting;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** SCRIPT LOAD, EXISTS, FLUSH, KILL and HELP. SCRIPT DEBUG (the Lua debugger) is not offered. */
final class ScriptCommand {

    private final ScriptCache cache;

    ScriptCommand(ScriptCache cache) {
        this.cache = cache;
    }

    void load(CommandContext ctx, Arguments args, ReplySink reply) {
        reply.bulk(cache.load(ctx, args.get(2)).sha().getBytes(StandardCharsets.US_ASCII));
    }

    void exists(CommandContext ctx, Arguments args, ReplySink reply) {
        reply.array(args.count() - 2);
        for (int i = 2; i < args.count(); i++) {
            String sha = new String(args.get(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            reply.integer(cache.get(sha) != null ? 1 : 0);
        }
    }

    void flush(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() > 3 || (args.count() == 3 && !args.is(2, "sync") && !args.is(2, "async"))) {
            throw new CommandException("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
        }
        // asynchronous or not, the cache is empty when the reply goes out
        cache.flush();
        reply.ok();
    }

    /** Kills the script running past {@code busy-reply-threshold}, if it has not written. */
    void kill(CommandContext ctx, Arguments args, ReplySink reply) {
        String error = ctx.killRunningScript(false);
        if (error != null) {
            throw new CommandException(error);
        }
        reply.ok();
    }

    void help(CommandContext ctx, Arguments args, ReplySink reply) {
        HelpReply.write(reply, "SCRIPT",
                "DEBUG (YES|SYNC|NO)",
                "    Set the debug mode for subsequent scripts executed.",
                "EXISTS <sha1> [<sha1> ...]",
                "    Return information about the existence of the scripts in the script cache.",
                "FLUSH [ASYNC|SYNC]",
                "    Flush the Lua scripts cache. Very dangerous on replicas.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the scripts cache.",
                "    * SYNC: Synchronously flush the scripts cache.",
                "KILL",
                "    Kill the currently executing Lua script.",
                "LOAD <script>",
                "    Load a script into the scripts cache without executing it.");
    }
}
