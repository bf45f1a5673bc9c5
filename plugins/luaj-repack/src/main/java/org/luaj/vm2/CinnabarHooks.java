package org.luaj.vm2;

import org.luaj.vm2.cinnabar.Lua51ArgError;
import org.luaj.vm2.cinnabar.Lua51Error;
import org.luaj.vm2.cinnabar.Lua51Numbers;

/**
 * Static helpers called by the build-time patches of LuaJ (see the luaj-repack module description):
 * Lua 5.1 number formatting and coercion, 5.1 error positions and wording, read-only tables.
 * Our own code, in LuaJ's package only to reach its package-private members.
 */
public final class CinnabarHooks {

    private CinnabarHooks() {
    }

    // ---------------------------------------------------------------- numbers

    /** The NaN x86 arithmetic produces (sign bit set: printed {@code -nan}); replaces LuaJ's NaN constants. */
    public static final double DEFAULT_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    /** Largest string the VM builds (Redis's proto-max-bulk-len default, 512 MB); above: "not enough memory". */
    public static final long MAX_STRING = 512L * 1024 * 1024;

    /** Strings at least this long are reported to {@link #largeAllocation}. */
    public static final long LARGE_ALLOCATION = 64 << 10;

    /** Told of every string of {@link #LARGE_ALLOCATION} bytes or more (the engine's heap check runs sooner). */
    public static Runnable largeAllocation = () -> { };

    /** Patched prefix of {@code LuaString.concatTo} and {@code Buffer.makeroom}: bounded concatenation. */
    public static void checkConcat(int a, int b, int c) {
        long total = (long) a + b + c;
        if (total > MAX_STRING) {
            throw Lua51Error.notEnoughMemory();
        }
        if (total >= LARGE_ALLOCATION) {
            largeAllocation.run();
        }
    }

    /** Patched {@code LuaDouble.tojstring()}. */
    public static String numberToString(double v) {
        return Lua51Numbers.toString(v);
    }

    /** Patched {@code LuaString.scannumber()}: NaN if not a number. */
    public static double scanNumber(LuaString s) {
        Double d = Lua51Numbers.str2number(s.m_bytes, s.m_offset, s.m_length);
        return d == null ? Double.NaN : d;
    }

    // ---------------------------------------------------------------- read-only tables

    private static final String READONLY = "Attempt to modify a readonly table";

    /** Marks a table read-only while keeping its real metatable (if any) in effect. */
    static final class ReadOnly implements Metatable {
        final Metatable inner;

        ReadOnly(Metatable inner) {
            this.inner = inner;
        }

        public boolean useWeakKeys() {
            return inner != null && inner.useWeakKeys();
        }

        public boolean useWeakValues() {
            return inner != null && inner.useWeakValues();
        }

        public LuaValue toLuaValue() {
            return inner == null ? null : inner.toLuaValue();
        }

        public LuaTable.Slot entry(LuaValue key, LuaValue value) {
            return inner != null ? inner.entry(key, value) : LuaTable.defaultEntry(key, value);
        }

        public LuaValue wrap(LuaValue value) {
            return inner != null ? inner.wrap(value) : value;
        }

        public LuaValue arrayget(LuaValue[] array, int index) {
            return inner != null ? inner.arrayget(array, index) : array[index];
        }
    }

    /** Patched prefix of {@code LuaTable.rawset}, {@code setmetatable} and {@code sort}. */
    public static void checkWritable(LuaTable t) {
        if (t.m_metatable instanceof ReadOnly) {
            throw new Lua51Error(READONLY);
        }
    }

    /** Makes a table read-only (or writable again). */
    public static void setReadOnly(LuaTable t, boolean readOnly) {
        boolean is = t.m_metatable instanceof ReadOnly;
        if (readOnly && !is) {
            t.m_metatable = new ReadOnly(t.m_metatable);
        } else if (!readOnly && is) {
            t.m_metatable = ((ReadOnly) t.m_metatable).inner;
        }
    }

    public static boolean isReadOnly(LuaTable t) {
        return t.m_metatable instanceof ReadOnly;
    }

    /** rawset that ignores the read-only mark. */
    public static void rawsetUnprotected(LuaTable t, LuaValue key, LuaValue value) {
        Metatable m = t.m_metatable;
        if (m instanceof ReadOnly ro) {
            t.m_metatable = ro.inner;
            try {
                t.rawset(key, value);
            } finally {
                t.m_metatable = m;
            }
        } else {
            t.rawset(key, value);
        }
    }

    /** Patched {@code LuaTable.eq_b}: same as LuaJ's, tolerating read-only tables without a metatable. */
    public static boolean tableEq(LuaTable t, LuaValue val) {
        if (t == val) return true;
        if (t.m_metatable == null || !val.istable()) return false;
        LuaValue mt = t.m_metatable.toLuaValue();
        LuaValue valmt = val.getmetatable();
        return mt != null && valmt != null && LuaValue.eqmtcall(t, mt, val, valmt);
    }

    // ---------------------------------------------------------------- errors

    /** Lua 5.1's {@code luaO_chunkid} with Redis's LUA_IDSIZE (80). */
    public static String chunkid(String source) {
        final int bufflen = 80; // Redis builds Lua with LUA_IDSIZE 80
        if (source.startsWith("=")) {
            String s = source.substring(1);
            return s.length() > bufflen - 1 ? s.substring(0, bufflen - 1) : s;
        }
        if (source.startsWith("@")) {
            String s = source.substring(1);
            int max = bufflen - 8;
            if (s.length() > max) return "..." + s.substring(s.length() - max);
            return s;
        }
        int nul = source.indexOf('\0');
        if (nul >= 0) source = source.substring(0, nul);
        int len = 0;
        while (len < source.length() && source.charAt(len) != '\n' && source.charAt(len) != '\r') len++;
        int max = bufflen - 17;
        if (len > max) len = max;
        if (len < source.length()) return "[string \"" + source.substring(0, len) + "...\"]";
        return "[string \"" + source + "\"]";
    }

    /** Patched {@code LexState.lexerror}: "chunk:line: msg near 'token'" as Lua 5.1 words it. */
    public static LuaError lexError(LuaString source, int line, String msg, int token, String near) {
        String cid = chunkid(source == null ? "?" : source.tojstring());
        if (msg.startsWith("unexpected symbol ")) msg = "unexpected symbol";
        String m = cid + ":" + line + ": " + msg;
        if (token != 0) {
            if ("<eos>".equals(near)) near = "<eof>";
            m += " near '" + near + "'";
        }
        return new LuaError(m, 0);
    }

    /** Patched tail call: Java functions run at once, inside the calling frame (as Lua 5.1 runs C functions). */
    public static Varargs tailcall(TailcallVarargs tv, LuaValue f) {
        if (f instanceof LuaClosure) {
            return tv;
        }
        return tv.eval();
    }

    /**
     * Replaces {@code LuaClosure.processErrorHooks}: called once per Lua frame an error crosses while
     * it has no final message yet. Applies the error level, the 5.1 position prefix and the 5.1
     * wording of VM errors (variable names); no traceback is appended.
     */
    public static void processError(LuaClosure cl, LuaError le, Prototype p, int pc, LuaValue[] stack) {
        notePosition(le, p, pc);
        if (le.level > 1) {
            le.level--;
            return;
        }
        String raw = le.getMessage();
        if (raw == null) raw = "nil";
        if (le.level <= 0) {
            le.traceback = raw;
            return;
        }
        LuaValue obj = le.getMessageObject();
        if (obj == null || !(obj.type() == LuaValue.TSTRING || obj.type() == LuaValue.TNUMBER)) {
            le.traceback = raw;
            return;
        }
        int op = pc >= 0 && pc < p.code.length ? p.code[pc] & 0x3f : -1;
        boolean inCall = op == Lua.OP_CALL || op == Lua.OP_TAILCALL || op == Lua.OP_TFORCALL;
        if (le instanceof Lua51Error e && (e.noPosition() || inCall)) {
            le.traceback = raw;
            return;
        }
        String msg = raw;
        if (le instanceof Lua51ArgError ae) {
            String[] kn = null;
            if (op == Lua.OP_CALL || op == Lua.OP_TAILCALL || op == Lua.OP_TFORCALL) {
                try {
                    kn = VarInfo.objName(p, pc, (p.code[pc] >> 6) & 0xff);
                } catch (RuntimeException ignored) {
                    kn = null;
                }
            }
            msg = ae.messageFor(kn == null ? null : kn[0], kn == null ? null : kn[1]);
        }
        try {
            if (raw.startsWith("attempt to ") || raw.startsWith("'for' ") || raw.startsWith("index expected")
                    || raw.startsWith("table index expected")) {
                if (inCall && !calleeNotCallable(p, pc, stack)) {
                    // a VM error raised inside a called Java function (e.g. comparisons in table.sort)
                    le.traceback = raw;
                    return;
                }
                String r = VarInfo.rewrite(cl, p, pc, stack, raw);
                if (r != null) msg = r;
            }
        } catch (RuntimeException ignored) {
            // keep LuaJ's wording
        }
        String where = "";
        if (p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length && p.lineinfo[pc] > 0) {
            where = chunkid(p.source != null ? p.source.tojstring() : "?") + ":" + p.lineinfo[pc] + ": ";
        }
        le.fileline = where.isEmpty() ? null : where.substring(0, where.length() - 2);
        String full = where + msg;
        Globals g = cl.globals;
        if (g != null && g.running != null && g.running.errorfunc != null) {
            LuaThread r = g.running;
            LuaValue h = r.errorfunc;
            r.errorfunc = null;
            try {
                full = h.call(LuaValue.valueOf(full)).tojstring();
            } catch (Throwable t) {
                full = "error in error handling";
            } finally {
                r.errorfunc = h;
            }
        }
        le.traceback = full;
    }

    /** The innermost Lua position of the error last processed on this thread (Redis's error handler reads it at raise time). */
    private static final ThreadLocal<Object[]> LAST_POSITION = ThreadLocal.withInitial(() -> new Object[2]);

    private static void notePosition(LuaError le, Prototype p, int pc) {
        notePosition(le, p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length && p.lineinfo[pc] > 0
                ? (p.source != null ? p.source.tojstring() : "?") + ":" + p.lineinfo[pc] : null);
    }

    /** Records {@code position} ({@code @user_script:3}) for {@code le} unless an inner frame already did (compiled code calls this). */
    public static void notePosition(LuaError le, String position) {
        Object[] last = LAST_POSITION.get();
        if (last[0] == le) {
            return;
        }
        last[0] = le;
        last[1] = position;
    }

    /**
     * {@code source:line} of the innermost Lua frame {@code le} crossed ({@code @user_script:3}),
     * whatever its message or level; null when unknown. Forgets it: call once per error.
     */
    public static String takePosition(LuaError le) {
        Object[] last = LAST_POSITION.get();
        String position = last[0] == le ? (String) last[1] : null;
        last[0] = null;
        last[1] = null;
        return position;
    }

    private static boolean calleeNotCallable(Prototype p, int pc, LuaValue[] stack) {
        int a = (p.code[pc] >> 6) & 0xff;
        LuaValue f = stack[a];
        if (f == null) return true;
        return !f.isfunction() && f.metatag(LuaValue.CALL).isnil();
    }

    // ---------------------------------------------------------------- coroutine hand-over

    /** Work a coroutine's thread asked the thread that resumed it to do (keyed by the coroutine's state). */
    private static final java.util.Map<LuaThread.State, Handover> HANDOVERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Handover {
        final Runnable task;
        boolean done;
        Throwable failure;

        Handover(Runnable task) {
            this.task = task;
        }
    }

    /**
     * Patched wait of {@code LuaThread.State.lua_resume} (the monitor of {@code s} held): waits until the
     * coroutine yields or ends, running meanwhile whatever it hands over with {@link #runOnResumer}.
     */
    public static void awaitResumed(LuaThread.State s) throws InterruptedException {
        do {
            s.wait();
            Handover h = HANDOVERS.remove(s);
            if (h != null) {
                try {
                    h.task.run();
                } catch (Throwable t) {
                    h.failure = t;
                }
                h.done = true;
                s.notifyAll();
            }
            // NORMAL: the coroutine resumed another one and is waiting for it
        } while (s.status == LuaThread.STATUS_RUNNING || s.status == LuaThread.STATUS_NORMAL);
    }

    /**
     * Runs {@code task} on the thread that resumed the coroutine whose state is {@code s}, called from that
     * coroutine's own thread; returns when it is done (a failure is rethrown here). Only one of the two threads
     * runs at any time, as with resume and yield.
     */
    public static void runOnResumer(LuaThread.State s, Runnable task) {
        Handover h = new Handover(task);
        synchronized (s) {
            HANDOVERS.put(s, h);
            s.notifyAll();
            try {
                while (!h.done) {
                    s.wait();
                }
            } catch (InterruptedException e) {
                HANDOVERS.remove(s);
                throw new OrphanedThread();
            }
        }
        if (h.failure instanceof RuntimeException r) {
            throw r;
        }
        if (h.failure instanceof Error e) {
            throw e;
        }
    }
}
