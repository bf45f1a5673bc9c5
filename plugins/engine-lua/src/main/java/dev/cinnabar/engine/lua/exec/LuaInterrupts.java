package dev.cinnabar.engine.lua.exec;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * The hot path of execution control, shared by the interpreter (through {@link InterruptHook}) and by compiled
 * Lua (luajc classes instrumented by {@link PollInstrumenter} call {@link #poll()}, {@link #enter()},
 * {@link #leave()} and {@link #fail}). State is static: one Lua run at a time in the JVM, which
 * {@link ExecutionControl#run} guarantees with a lock; the coroutine threads of that run only run while its
 * thread waits for them (LuaJ hands over with {@code wait}/{@code notify}), so plain fields are safe.
 *
 * <p>{@link #poll()} is a decrement and a compare; every {@code pollInterval} events the slow path asks the
 * active run whether to go on (kill check, heap check). Call depth is counted per Lua thread: the coroutine
 * wrappers of {@link CoroutineGuard} switch the counter when they resume a coroutine.
 *
 * <p>These methods are public because generated classes, in their own class loaders, call them; they are not
 * an API for anything else.
 */
public final class LuaInterrupts {

    /** events left before the slow poll; set to 0 when aborting so that every poll throws */
    static int budget = Integer.MAX_VALUE;
    /** Lua call depth of the Lua thread that is running */
    static int depth;
    /** its bound */
    static int maxDepth = ExecutionLimits.DEFAULT.maxCallDepth();
    /** interpreted closures by depth (index depth-1 is the running one), for the line of an abort; may be null */
    static LuaValue[] frames;
    /** the run in progress, or null */
    static Run run;

    private LuaInterrupts() {
    }

    static {
        org.luaj.vm2.CinnabarHooks.largeAllocation = LuaInterrupts::largeAllocation;
    }

    /**
     * A string of 64 KiB or more was just made: the heap check comes at the next poll event rather than
     * thousands of instructions later (a few instructions can allocate gigabytes with {@code string.rep}).
     */
    static void largeAllocation() {
        if (budget > 0) {
            budget = 0;
        }
    }

    /** a loop back-edge of compiled code */
    public static void poll() {
        if (--budget < 0) {
            slowPoll(-1);
        }
    }

    /** the entry of a compiled Lua function; {@link #leave()} or {@link #fail} must follow */
    public static void enter() {
        if (--budget < 0) {
            slowPoll(-1);
        }
        if (depth >= maxDepth) {
            throw stackOverflow();
        }
        depth++;
    }

    /** a normal return from a compiled Lua function */
    public static void leave() {
        depth--;
    }

    /**
     * Any throwable leaving a compiled Lua function: counts the level off and, for a Lua error not yet positioned,
     * adds {@code source:line:} as LuaJ's interpreter does (and runs the {@code xpcall} message handler).
     * Exceptions other than {@link LuaError} become one ({@code vm error: ...}), as in the interpreter.
     */
    public static Throwable fail(Throwable t) {
        depth--;
        return ErrorPositions.compiled(t);
    }

    // ---- interpreter side (InterruptHook) ----

    static void enterInterpreted(LuaValue closure) {
        if (depth >= maxDepth) {
            throw stackOverflow();
        }
        LuaValue[] f = frames;
        if (f != null && depth < f.length) {
            f[depth] = closure;
        }
        depth++;
    }

    static void leaveInterpreted() {
        if (depth > 0) {
            depth--;
            LuaValue[] f = frames;
            if (f != null && depth < f.length) {
                f[depth] = null;
            }
        }
    }

    static LuaError stackOverflow() {
        return new LuaError("stack overflow");
    }

    /** pc of the interpreted instruction, or -1 in compiled code */
    static void slowPoll(int pc) {
        Run r = run;
        if (r == null) {
            budget = Integer.MAX_VALUE;
            return;
        }
        r.poll(pc);
    }

    /** the running interpreted closure, if any */
    static LuaClosure currentClosure() {
        LuaValue[] f = frames;
        int d = depth;
        if (f == null || d <= 0 || d > f.length) {
            return null;
        }
        LuaValue v = f[d - 1];
        return v instanceof LuaClosure ? (LuaClosure) v : null;
    }
}
