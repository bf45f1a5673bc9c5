package dev.cinnabar.scripting;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.Command;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptOptions;

import java.util.Arrays;
import java.util.List;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO (Redis's {@code evalGenericCommand}): checks in Redis's
 * order, the cached or newly compiled script, the flag checks, then the run on the script host.
 */
final class EvalCommand implements Command {

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    private final ScriptCache cache;
    private final boolean bySha;
    private final boolean readOnly;

    EvalCommand(ScriptCache cache, boolean bySha, boolean readOnly) {
        this.cache = cache;
        this.bySha = bySha;
        this.readOnly = readOnly;
    }

    @Override
    public void execute(CommandContext ctx, Arguments args, ReplySink reply) {
        ctx.feedMonitors();
        byte[] first = args.get(1);
        if (bySha && first.length != 40) {
            throw new CommandException(NOSCRIPT);
        }
        long numkeys = args.longValue(2);
        if (numkeys > args.count() - 3) {
            throw new CommandException("ERR Number of keys can't be greater than number of args");
        }
        if (numkeys < 0) {
            throw new CommandException("ERR Number of keys can't be negative");
        }
        CachedScript script;
        if (bySha) {
            script = cache.bySha(first);
            if (script == null) {
                throw new CommandException(NOSCRIPT);
            }
        } else {
            script = cache.load(ctx, first);
        }
        // a shebang script that may write is denyoom (Redis derives EVAL's flags from the script's)
        if (script.shebang() && !script.has(ScriptFlag.ALLOW_OOM) && !script.has(ScriptFlag.NO_WRITES) && ctx.outOfMemory()) {
            throw new CommandException("OOM command not allowed when used memory > 'maxmemory'.");
        }
        // a shebang script that may write is a write command: refused while persistence fails (MISCONF)
        if (script.shebang() && !script.has(ScriptFlag.NO_WRITES) && ctx.persistenceWriteError() != null) {
            throw new CommandException(ctx.persistenceWriteError());
        }
        if (script.shebang() && readOnly && !script.has(ScriptFlag.NO_WRITES)) {
            throw new CommandException("ERR Can not execute a script with write flag using *_ro command.");
        }
        byte[][] argv = args.raw();
        int k = (int) numkeys;
        List<byte[]> keys = Arrays.asList(argv).subList(3, 3 + k);
        List<byte[]> rest = Arrays.asList(argv).subList(3 + k, argv.length);
        ScriptOptions options = new ScriptOptions(readOnly || script.has(ScriptFlag.NO_WRITES),
                script.has(ScriptFlag.ALLOW_OOM) || script.has(ScriptFlag.NO_WRITES), script.has(ScriptFlag.ALLOW_STALE),
                false, script.sha());
        try (ScriptHost host = ctx.beginScript(options)) {
            script.compiled().run(new EvalRun(keys, rest, script.sha(), host, reply));
        }
    }
}
