package dev.cinnabar.functions;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptOptions;
import dev.cinnabar.api.script.ScriptVm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The function registry (Redis's {@code functions.c}): the live set of libraries, one VM per
 * engine that runs them all, and the all-or-nothing operations on them. A failed load, replace or
 * restore leaves the live set exactly as it was. Executor only.
 */
final class FunctionRegistry {

    /** Redis's {@code LOAD_TIMEOUT_MS}: FUNCTION LOAD aborts library code running longer. */
    static final long LOAD_TIMEOUT_MS = 500;

    private Libraries current = new Libraries();
    /** The function FCALL is running, for FUNCTION STATS served while it is busy; null otherwise. */
    private Running running;

    /** A running FCALL: the function's name, the caller's arguments as sent, when it started. */
    record Running(String name, byte[][] argv, long startMillis) {
    }

    Running running() {
        return running;
    }

    void running(Running r) {
        running = r;
    }
    private final Map<String, ScriptVm> vms = new LinkedHashMap<>();

    /** The libraries that run on {@code engine}: while there are any, its plugin may not be unloaded. */
    List<String> librariesOn(String engine) {
        List<String> names = new ArrayList<>();
        for (Library lib : current.all()) {
            if (lib.engine().equals(engine)) {
                names.add(lib.name());
            }
        }
        return names;
    }

    /** The engine's plugin was unloaded (no library used it): its function VM goes. */
    void engineRemoved(String engine) {
        ScriptVm vm = vms.remove(engine);
        if (vm != null) {
            vm.close();
        }
    }

    Libraries current() {
        return current;
    }

    /** FUNCTION FLUSH: the VMs stay (as Redis keeps its Lua state); their functions go. */
    void flush() {
        current = new Libraries();
    }

    /** FUNCTION LOAD: creates (or with {@code replace} replaces) a library; returns its name. */
    String load(CommandContext ctx, byte[] code, boolean replace) throws ScriptException {
        return create(ctx, code, current, replace, LOAD_TIMEOUT_MS);
    }

    void delete(String name) throws ScriptException {
        Library lib = current.library(name);
        if (lib == null) {
            throw new ScriptException(FunctionErrors.LIBRARY_NOT_FOUND);
        }
        current.unlink(lib);
    }

    /**
     * Redis's {@code functionsCreateWithLibraryCtx}: metadata, name, engine, existing library,
     * then the engine runs the code; no function, or a function name another library of
     * {@code into} has, fails. {@code timeoutMillis} 0 means no limit.
     */
    String create(CommandContext ctx, byte[] code, Libraries into, boolean replace, long timeoutMillis) throws ScriptException {
        LibraryMetadata md = LibraryMetadata.parse(code);
        if (!Names.valid(md.name())) {
            throw new ScriptException(FunctionErrors.BAD_NAME);
        }
        String engineName = md.engine().toLowerCase(Locale.ROOT);
        ScriptEngine engine = ctx.scriptEngine(engineName);
        if (engine == null) {
            throw new ScriptException(FunctionErrors.engineNotFound(Names.cString(md.engine())));
        }
        Library old = into.library(md.name());
        if (old != null && !replace) {
            throw new ScriptException(FunctionErrors.libraryExists(md.name()));
        }
        Library lib = new Library(md.name(), engineName, code);
        try (Registration r = new Registration(this, ctx, lib, timeoutMillis)) {
            vm(engineName, engine).loadLibrary(md.body(), r);
        }
        if (lib.functionCount() == 0) {
            throw new ScriptException(FunctionErrors.NO_FUNCTIONS);
        }
        for (LibraryFunction f : lib.functions()) {
            LibraryFunction clash = into.function(f.name());
            if (clash != null && clash.library() != old) {
                throw new ScriptException(FunctionErrors.functionExists(f.name()));
            }
        }
        if (old != null) {
            into.unlink(old);
        }
        into.link(lib);
        return lib.name();
    }

    /** FUNCTION RESTORE's last step ({@code libraryJoin}, or a swap for FLUSH). */
    void restore(Libraries restored, RestorePolicy policy) throws ScriptException {
        if (policy == RestorePolicy.FLUSH) {
            current = restored;
            return;
        }
        List<Library> replaced = new ArrayList<>();
        for (Library lib : restored.all()) {
            Library old = current.library(lib.name());
            if (old != null) {
                if (policy == RestorePolicy.APPEND) {
                    throw new ScriptException(FunctionErrors.libraryExistsUnquoted(lib.name()));
                }
                replaced.add(old);
            }
        }
        for (LibraryFunction f : restored.functions()) {
            LibraryFunction clash = current.function(f.name());
            if (clash != null && !replaced.contains(clash.library())) {
                throw new ScriptException(FunctionErrors.functionExists(f.name()));
            }
        }
        for (Library old : replaced) {
            current.unlink(old);
        }
        for (Library lib : restored.snapshot()) {
            current.link(lib);
        }
    }

    private ScriptVm vm(String name, ScriptEngine engine) {
        ScriptVm vm = vms.get(name);
        if (vm == null) {
            vm = engine.createVm(ScriptVm.Kind.FUNCTION);
            vms.put(name, vm);
        }
        return vm;
    }

    /** Heap of the function VMs as their engines report it. */
    long vmMemory() {
        long total = 0;
        for (ScriptVm vm : vms.values()) {
            total += vm.memoryUsed();
        }
        return total;
    }

    /** What a library's code registers into while it loads. */
    private static final class Registration implements ScriptVm.FunctionRegistrar, AutoCloseable {
        private final CommandContext ctx;
        private final Library library;
        private final long startNanos;
        private final long timeoutMillis;
        /**
         * The load as a script run of the kernel's: opened at the first {@code redis.log} (the
         * server log is reached through it) or, for a load without a time limit (RESTORE, start-up),
         * the first poll. Through it such a load that runs past {@code busy-reply-threshold} is busy
         * as an FCALL is (others served and answered BUSY, FUNCTION KILL ends it): a RESTORE of
         * code that never ends, which hangs Redis, can be killed here.
         */
        private ScriptHost host;
        private final FunctionRegistry registry;

        Registration(FunctionRegistry registry, CommandContext ctx, Library library, long timeoutMillis) {
            this.registry = registry;
            this.ctx = ctx;
            this.library = library;
            this.timeoutMillis = timeoutMillis;
            this.startNanos = System.nanoTime();
        }

        private ScriptHost host() {
            if (host == null) {
                host = ctx.beginScript(new ScriptOptions(true, true, true, true, library.name()));
                // FUNCTION STATS while the load is busy: the library's name, no FCALL arguments
                registry.running(new Running(library.name(), new byte[0][], System.currentTimeMillis()));
            }
            return host;
        }

        @Override
        public void register(String name, CompiledScript function, Set<String> flags, String description) throws ScriptException {
            if (!Names.valid(name)) {
                throw new ScriptException(FunctionErrors.BAD_NAME);
            }
            if (library.hasFunction(name)) {
                throw new ScriptException(FunctionErrors.DUPLICATE_IN_LIBRARY);
            }
            EnumSet<FunctionFlag> f = FunctionFlag.of(flags);
            if (f == null) {
                throw new ScriptException(FunctionErrors.UNKNOWN_FLAG);
            }
            library.add(new LibraryFunction(name, library, function, f, description));
        }

        @Override
        public void log(int level, String message) {
            host().log(level, message);
        }

        @Override
        public String interruption() {
            if (timeoutMillis > 0) {
                // FUNCTION LOAD: Redis serves nobody meanwhile and stops the code at its time limit
                return (System.nanoTime() - startNanos) / 1_000_000 > timeoutMillis ? FunctionErrors.LOAD_TIMEOUT : null;
            }
            return host().interruption();
        }

        @Override
        public void close() {
            if (host != null) {
                registry.running(null);
                host.close();
            }
        }
    }
}
