package dev.cinnabar.functions;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.Command;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptOptions;

import java.util.Arrays;
import java.util.List;

/**
 * FCALL and FCALL_RO (Redis's {@code fcallCommandGeneric}). Redis derives FCALL's command flags
 * from the function's, so its generic {@code -OOM} refusal of a function that may write comes
 * first, before MONITOR sees the call; then the lookup, numkeys, the {@code _RO} check and the run.
 */
final class FcallCommand implements Command {

    private final FunctionRegistry registry;
    private final boolean readOnly;
    /** The function found last and the registry state it was found in: repeated calls skip the lookup. */
    private Libraries lastLibraries;
    private int lastVersion;
    private byte[] lastName;
    private LibraryFunction lastFunction;

    FcallCommand(FunctionRegistry registry, boolean readOnly) {
        this.registry = registry;
        this.readOnly = readOnly;
    }

    /** Drops the cached lookup (an engine's unload: the function would keep its compiled code alive). */
    void forgetLast() {
        lastLibraries = null;
        lastName = null;
        lastFunction = null;
    }

    @Override
    public void execute(CommandContext ctx, Arguments args, ReplySink reply) {
        LibraryFunction fn = lookup(args.get(1));
        if (fn != null && fn.denyOom() && ctx.outOfMemory()) {
            throw new CommandException(FunctionErrors.OOM);
        }
        // a function that may write is a write command: refused while persistence fails (MISCONF)
        if (fn != null && !fn.has(FunctionFlag.NO_WRITES) && ctx.persistenceWriteError() != null) {
            throw new CommandException(ctx.persistenceWriteError());
        }
        ctx.feedMonitors();
        if (fn == null) {
            throw new CommandException(FunctionErrors.FUNCTION_NOT_FOUND);
        }
        byte[] n = args.get(2);
        if (!Numbers.isCanonicalLong(n, 0, n.length)) {
            throw new CommandException(FunctionErrors.BAD_NUMKEYS);
        }
        long numkeys = Numbers.parseLong(n);
        if (numkeys > args.count() - 3) {
            throw new CommandException(FunctionErrors.TOO_MANY_KEYS);
        }
        if (numkeys < 0) {
            throw new CommandException(FunctionErrors.NEGATIVE_KEYS);
        }
        boolean noWrites = fn.has(FunctionFlag.NO_WRITES);
        if (readOnly && !noWrites) {
            throw new CommandException(FunctionErrors.WRITE_WITH_RO);
        }
        byte[][] argv = args.raw();
        int k = (int) numkeys;
        List<byte[]> keys = Arrays.asList(argv).subList(3, 3 + k);
        List<byte[]> rest = Arrays.asList(argv).subList(3 + k, argv.length);
        ScriptOptions options = new ScriptOptions(noWrites, noWrites || fn.has(FunctionFlag.ALLOW_OOM),
                fn.has(FunctionFlag.ALLOW_STALE), true, fn.name());
        try (ScriptHost host = ctx.beginScript(options)) {
            registry.running(new FunctionRegistry.Running(fn.name(), args.raw(), System.currentTimeMillis()));
            fn.compiled().run(new FcallRun(keys, rest, fn.name(), host, reply));
        } finally {
            registry.running(null);
        }
    }

    /** Case-insensitive, as Redis's function dictionary. */
    private LibraryFunction lookup(byte[] name) {
        Libraries libs = registry.current();
        if (libs == lastLibraries && libs.version() == lastVersion && lastName != null && equalsIgnoreCase(lastName, name)) {
            return lastFunction;
        }
        LibraryFunction fn = libs.function(Names.text(name));
        if (fn != null) {
            lastLibraries = libs;
            lastVersion = libs.version();
            lastName = name.clone();
            lastFunction = fn;
        }
        return fn;
    }

    private static boolean equalsIgnoreCase(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            int x = a[i] & 0xff;
            int y = b[i] & 0xff;
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
