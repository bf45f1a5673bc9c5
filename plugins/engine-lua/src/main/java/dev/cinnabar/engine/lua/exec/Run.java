package dev.cinnabar.engine.lua.exec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** One call of {@link ExecutionControl#run}: its kill check, abort state and coroutines. Package-private. */
final class Run {

    private static final long JOIN_MILLIS = 2_000;

    private final ExecutionControl control;
    private final ExecutionLimits limits;
    private final Supplier<String> killCheck;
    private final java.util.function.BooleanSupplier killCheckDue;
    /** the thread that called {@link ExecutionControl#run}: the executor, the only one that may serve clients */
    private final Thread owner = Thread.currentThread();
    private final dev.cinnabar.api.script.HeapBound memory;
    /** set once the run is aborted; every later poll rethrows it */
    private ScriptAbort abort;
    private final Map<LuaThread, Co> coroutines = new IdentityHashMap<>(4);
    /** Java threads of coroutines already dropped from the map (dead), joined at the end; made when needed */
    private List<Thread> finished;
    /** coroutines resumed and not yet back (nesting) */
    private int resumeNesting;
    /** Lua 5.1's LUAI_MAXCCALLS: nested resumes past it are a "C stack overflow" */
    static final int MAX_RESUME_NESTING = 200;

    /** a coroutine created by this run */
    static final class Co {
        LuaThread thread;
        volatile Thread javaThread;
        int depth;
        LuaValue[] frames;
    }

    Run(ExecutionControl control, Supplier<String> killCheck, java.util.function.BooleanSupplier killCheckDue) {
        this.control = control;
        this.limits = control.limits();
        this.killCheck = killCheck;
        this.killCheckDue = killCheckDue;
        this.memory = control.memoryGuard();
    }

    Globals globals() {
        return control.globals();
    }

    ScriptAbort abort() {
        return abort;
    }

    /** the slow poll; pc is the interpreted instruction or -1 */
    void poll(int pc) {
        if (abort != null) {
            LuaInterrupts.budget = 0;
            throw abort;
        }
        LuaInterrupts.budget = limits.pollInterval();
        String kill = null;
        if (killCheck != null) {
            if (Thread.currentThread() == owner) {
                kill = killCheck.get();
            } else if (killCheckDue.getAsBoolean()) {
                kill = killCheckOnOwner();
            }
        }
        if (kill != null) {
            throw abortWith(ScriptAbort.Reason.KILLED, kill, pc);
        }
        if (memory.exceeded()) {
            throw abortWith(ScriptAbort.Reason.MEMORY, "not enough memory", pc);
        }
    }

    ScriptAbort abortWith(ScriptAbort.Reason reason, String text, int pc) {
        if (abort == null) {
            String source = null;
            int line = -1;
            LuaClosure c = pc >= 0 ? LuaInterrupts.currentClosure() : null;
            if (c != null) {
                Prototype p = c.p;
                source = p.source != null ? p.source.tojstring() : null;
                line = p.lineinfo != null && pc < p.lineinfo.length ? p.lineinfo[pc] : -1;
            } else {
                for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                    if (LuajcLoader.NAME.equals(e.getClassLoaderName())) {
                        source = e.getFileName();
                        line = e.getLineNumber();
                        break;
                    }
                }
            }
            abort = new ScriptAbort(reason, text, source, line);
        }
        LuaInterrupts.budget = 0;
        return abort;
    }

    /**
     * The kill check run on the owner thread from a coroutine's thread: handed to the thread that resumed
     * this coroutine, which hands it on in turn if it is a coroutine itself (nested resumes).
     */
    private String killCheckOnOwner() {
        if (Thread.currentThread() == owner) {
            return killCheck.get();
        }
        Co co = coroutineOf(Thread.currentThread());
        if (co == null) {
            return killCheck.get();
        }
        String[] result = new String[1];
        org.luaj.vm2.CinnabarHooks.runOnResumer(co.thread.state, () -> result[0] = killCheckOnOwner());
        return result[0];
    }

    private Co coroutineOf(Thread t) {
        for (Co co : coroutines.values()) {
            if (co.javaThread == t) {
                return co;
            }
        }
        return null;
    }

    // ---- coroutines ----

    LuaThread newCoroutine(LuaValue func) {
        if (coroutines.size() >= limits.maxCoroutines()) {
            purgeDead();
            if (coroutines.size() >= limits.maxCoroutines()) {
                throw new LuaError("too many coroutines (at most " + limits.maxCoroutines() + " alive in a script)");
            }
        }
        Co co = new Co();
        LuaThread t = new LuaThread(globals(), new Trampoline(this, co, func));
        t.errorfunc = ErrorPositions.PLAIN;
        co.thread = t;
        coroutines.put(t, co);
        return t;
    }

    private void purgeDead() {
        for (Iterator<Co> it = coroutines.values().iterator(); it.hasNext(); ) {
            Co co = it.next();
            if (co.thread.state.status == LuaThread.STATUS_DEAD) {
                it.remove();
                Thread jt = co.javaThread;
                if (jt != null && jt.isAlive()) {
                    if (finished == null) {
                        finished = new ArrayList<>();
                    }
                    finished.add(jt);
                }
            }
        }
        if (finished != null) {
            finished.removeIf(t -> !t.isAlive());
        }
    }

    Varargs resume(LuaThread t, Varargs args) {
        Co co = coroutines.get(t);
        if (co == null) {
            return t.resume(args); // not made by this run: nothing to switch
        }
        if (resumeNesting >= MAX_RESUME_NESTING) {
            throw new LuaError("C stack overflow");
        }
        int savedDepth = LuaInterrupts.depth;
        int savedMax = LuaInterrupts.maxDepth;
        LuaValue[] savedFrames = LuaInterrupts.frames;
        LuaInterrupts.depth = co.depth;
        LuaInterrupts.maxDepth = limits.maxCoroutineCallDepth();
        if (co.frames == null && savedFrames != null) {
            co.frames = new LuaValue[limits.maxCoroutineCallDepth() + 1];
        }
        LuaInterrupts.frames = co.frames;
        Varargs result;
        resumeNesting++;
        try {
            result = t.resume(args);
        } finally {
            resumeNesting--;
            co.depth = LuaInterrupts.depth;
            LuaInterrupts.depth = savedDepth;
            LuaInterrupts.maxDepth = savedMax;
            LuaInterrupts.frames = savedFrames;
        }
        if (abort != null) {
            LuaInterrupts.budget = 0;
            throw abort;
        }
        return result;
    }

    /** the body of every coroutine of the run: records its Java thread; an OOM there aborts the run */
    static final class Trampoline extends VarArgFunction {
        private final Run run;
        private final Co co;
        private final LuaValue func;

        Trampoline(Run run, Co co, LuaValue func) {
            this.run = run;
            this.co = co;
            this.func = func;
        }

        @Override
        public Varargs invoke(Varargs args) {
            co.javaThread = Thread.currentThread();
            try {
                return func.invoke(args);
            } catch (OutOfMemoryError e) {
                throw run.abortWith(ScriptAbort.Reason.MEMORY, "not enough memory", -1);
            } catch (StackOverflowError e) {
                throw new LuaError("stack overflow");
            }
        }
    }

    /**
     * Ends every coroutine of the run: those never started are marked dead, suspended ones are woken with an
     * interrupt (LuaJ then unwinds them with its OrphanedThread error) and every coroutine thread is joined.
     */
    void closeCoroutines() {
        if (coroutines.isEmpty() && finished == null) {
            return;
        }
        List<Thread> toJoin = finished != null ? new ArrayList<>(finished) : new ArrayList<>();
        for (Co co : coroutines.values()) {
            LuaThread.State s = co.thread.state;
            Thread jt = co.javaThread;
            if (s.status == LuaThread.STATUS_INITIAL) {
                s.status = LuaThread.STATUS_DEAD;
            } else if (jt != null && s.status != LuaThread.STATUS_DEAD) {
                jt.interrupt();
            }
            if (jt != null) {
                toJoin.add(jt);
            }
        }
        boolean interrupted = false;
        for (Thread jt : toJoin) {
            try {
                jt.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        coroutines.clear();
        finished = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
