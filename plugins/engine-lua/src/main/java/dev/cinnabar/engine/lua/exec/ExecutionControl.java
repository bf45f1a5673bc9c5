package dev.cinnabar.engine.lua.exec;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;

/**
 * Execution control of one Lua state: an interrupt poll that running Lua cannot escape, bounds on call depth,
 * coroutines and heap, and the choice between compiled and interpreted Lua.
 *
 * <pre>{@code
 * Globals g = ...;                                   // libraries loaded (coroutine table included)
 * ExecutionControl ctl = ExecutionControl.install(g, ExecutionLimits.DEFAULT);   // before globals are protected
 * LuaFunction f = ctl.load(prototype);               // compiled (luajc + poll) or interpreted
 * try {
 *     Varargs r = ctl.run(f, LuaValue.NONE, () -> killed ? "ERR Script killed by user with SCRIPT KILL..." : null);
 * } catch (ScriptAbort a) {   // killed, or heap bound: a.getMessage(), a.reason(), a.source(), a.line()
 * } catch (LuaError e) {      // the script's error: e.getMessage() is "user_script:1: boom", "user_script:1: stack overflow", ...
 * }
 * }</pre>
 *
 * <p>{@link #install} sets {@code globals.debuglib} to the interpreter's hook (replacing LuaJ's DebugLib if one
 * was loaded: its {@code debug.*} functions then see no call frames) and replaces {@code coroutine.create},
 * {@code resume} and {@code wrap} in the {@code coroutine} table, so it must come after the libraries are loaded
 * and before the tables are made read-only.
 *
 * <p>Runs: one at a time in the JVM (a global lock; scripts run on the server's single executor), on any
 * thread; the call depth bound of {@link ExecutionLimits} assumes that thread has at least the JVM's default
 * stack (1 MiB). When {@code run} returns or throws, no coroutine thread of that run is left: suspended ones are
 * ended and joined.
 */
public final class ExecutionControl {

    private static final ReentrantLock RUN_LOCK = new ReentrantLock();

    /**
     * {@code -Dcinnabar.lua.poll=off} runs scripts without the instruction poll (no kill, no busy
     * serving, no heap or depth checks between instructions): only for measuring what the poll costs
     * ({@code bench/compare.sh} does); never for serving.
     */
    static final boolean POLL = !"off".equals(System.getProperty("cinnabar.lua.poll"));

    private final Globals globals;
    private final ExecutionLimits limits;
    private final dev.cinnabar.api.script.HeapBound memory;
    /** the interpreter's closures by call depth, for the line of an abort; emptied as calls return */
    private final LuaValue[] frames;

    private ExecutionControl(Globals globals, ExecutionLimits limits) {
        this.globals = globals;
        this.limits = limits;
        this.memory = new dev.cinnabar.api.script.HeapBound(limits.heapLimitBytes());
        this.frames = new LuaValue[limits.maxCallDepth() + 1];
    }

    /** Installs the hook and coroutine wrappers on these globals. */
    public static ExecutionControl install(Globals globals, ExecutionLimits limits) {
        ExecutionControl c = new ExecutionControl(globals, limits);
        if (POLL) {
            globals.debuglib = new InterruptHook();
        }
        CoroutineGuard.install(globals);
        return c;
    }

    public Globals globals() {
        return globals;
    }

    public ExecutionLimits limits() {
        return limits;
    }

    dev.cinnabar.api.script.HeapBound memoryGuard() {
        return memory;
    }

    /**
     * The function for a compiled chunk: luajc-compiled and instrumented with the poll when the limits ask for
     * compilation and luajc can do it, else LuaJ's interpreter. Either way bound to these globals.
     */
    public LuaFunction load(Prototype p) {
        return limits.compile() ? LuaCompiler.load(p, globals) : LuaCompiler.interpret(p, globals);
    }

    /**
     * Calls {@code function} with {@code args} under control: polls {@code killCheck} every
     * {@code pollInterval} events (it returns null to go on, or the error text to abort with), enforces the
     * bounds, and ends the run's coroutines afterwards.
     *
     * @throws ScriptAbort when killed or past the heap bound (never caught by the script)
     * @throws LuaError the script's own error, positioned as Lua does ({@code user_script:1: ...})
     */
    public Varargs run(LuaValue function, Varargs args, Supplier<String> killCheck) {
        return run(function, args, killCheck, () -> true);
    }

    /**
     * As {@link #run(LuaValue, Varargs, Supplier)}; {@code killCheckDue} is the cheap, thread-safe test of
     * whether {@code killCheck} has anything to do: a loop inside a coroutine polls on the coroutine's own
     * thread and hands the kill check over to this thread (the executor) only when it is due.
     */
    public Varargs run(LuaValue function, Varargs args, Supplier<String> killCheck, java.util.function.BooleanSupplier killCheckDue) {
        RUN_LOCK.lock();
        Run run = new Run(this, killCheck, killCheckDue);
        LuaThread main = globals.running;
        LuaValue savedHandler = main.errorfunc;
        try {
            if (globals.debuglib == null && POLL) {
                globals.debuglib = new InterruptHook();
            }
            if (main.errorfunc == null) {
                main.errorfunc = ErrorPositions.PLAIN;
            }
            LuaInterrupts.run = run;
            LuaInterrupts.budget = limits.pollInterval();
            LuaInterrupts.depth = 0;
            LuaInterrupts.maxDepth = limits.maxCallDepth();
            LuaInterrupts.frames = frames;
            Varargs result;
            try {
                result = function.invoke(args);
            } catch (ScriptAbort a) {
                throw a;
            } catch (LuaError e) {
                if (run.abort() != null) {
                    throw run.abort();
                }
                throw e;
            } catch (StackOverflowError e) {
                if (run.abort() != null) {
                    throw run.abort();
                }
                throw new LuaError("stack overflow");
            } catch (OutOfMemoryError e) {
                throw run.abortWith(ScriptAbort.Reason.MEMORY, "not enough memory", -1);
            } catch (RuntimeException e) {
                if (run.abort() != null) {
                    throw run.abort();
                }
                throw new LuaError(e);
            }
            if (run.abort() != null) {
                throw run.abort(); // swallowed on the way out (an xpcall handler, a coroutine): still aborted
            }
            return result;
        } finally {
            if (run.abort() != null && run.abort().reason() == ScriptAbort.Reason.MEMORY) {
                dev.cinnabar.api.script.HeapBound.forget();
            }
            try {
                run.closeCoroutines();
            } finally {
                main.errorfunc = savedHandler;
                LuaInterrupts.run = null;
                LuaInterrupts.budget = Integer.MAX_VALUE;
                LuaInterrupts.depth = 0;
                LuaInterrupts.maxDepth = limits.maxCallDepth();
                LuaInterrupts.frames = null;
                if (frames[0] != null) {
                    java.util.Arrays.fill(frames, null); // an abort or overflow left references behind
                }
                RUN_LOCK.unlock();
            }
        }
    }
}
