package dev.cinnabar.engine.lua.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * Error positions ({@code user_script:3: ...}) for compiled Lua, the way LuaJ's interpreter gives them in
 * {@code LuaClosure.processErrorHooks}: the first Lua function an error leaves sets the error's {@code fileline}
 * and then its final message ({@code traceback}, through the thread's {@code xpcall} handler if one is set).
 * Compiled classes carry Lua line numbers in their line number tables (luajc writes them) and their chunk name
 * as source file, so the position is read from the error's stack trace. Unlike the interpreter this honours
 * {@code error(msg, level)}: level 0 adds no position, level 2 the position of the caller.
 */
final class ErrorPositions {

    /**
     * The message handler set on every Lua thread of a run: returns the message as is. LuaJ appends a traceback
     * to messages when a debuglib is installed unless the thread has a handler; this is that handler.
     */
    static final LuaValue PLAIN = new OneArgFunction() {
        @Override
        public LuaValue call(LuaValue msg) {
            return withColon(msg);
        }

        @Override
        public String tojstring() {
            return "function: builtin";
        }
    };

    private static final VarHandle LEVEL;
    private static final VarHandle FILELINE;
    private static final VarHandle TRACEBACK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(LuaError.class, MethodHandles.lookup());
            LEVEL = l.findVarHandle(LuaError.class, "level", int.class);
            FILELINE = l.findVarHandle(LuaError.class, "fileline", String.class);
            TRACEBACK = l.findVarHandle(LuaError.class, "traceback", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ErrorPositions() {
    }

    /**
     * LuaJ 3.0.1's interpreter words a position {@code user_script:1 boom}; Lua (and Redis) say
     * {@code user_script:1: boom}. The interpreter hands every message it positions to the thread's message
     * handler, {@link #PLAIN}, while the erring closure is still the innermost frame: its source tells where the
     * position ends.
     */
    static LuaValue withColon(LuaValue msg) {
        org.luaj.vm2.LuaClosure c = LuaInterrupts.currentClosure();
        if (c == null || c.p.source == null || !msg.isstring()) {
            return msg;
        }
        String s = msg.tojstring();
        String src = c.p.source.tojstring() + ":";
        if (!s.startsWith(src)) {
            return msg;
        }
        int i = src.length();
        int j = i;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '?')) {
            j++;
        }
        if (j == i || j >= s.length() || s.charAt(j) != ' ') {
            return msg;
        }
        return LuaValue.valueOf(s.substring(0, j) + ":" + s.substring(j));
    }

    static Throwable compiled(Throwable t) {
        if (t instanceof Error) {
            return t; // ScriptAbort, OrphanedThread, StackOverflowError, OutOfMemoryError: not Lua's business
        }
        LuaError le;
        if (t instanceof LuaError) {
            le = (LuaError) t;
        } else if (t instanceof NegativeArraySizeException) {
            le = new LuaError("not enough memory"); // a string or table past 2^31 elements
        } else {
            le = new LuaError(t);
        }
        if (TRACEBACK.get(le) != null || FILELINE.get(le) != null) {
            return le;
        }
        position(le, t);
        return le;
    }

    private static void position(LuaError le, Throwable origin) {
        int level = (int) LEVEL.get(le);
        String fileline = null;
        notePosition(le, origin);
        if (level > 0) {
            StackTraceElement[] st = origin.getStackTrace();
            int i = 0;
            // "stack overflow" thrown by enter() at the entry of the callee: the position is the caller's
            for (int k = 0; k < Math.min(st.length, 3); k++) {
                if (st[k].getClassName().equals(LuaInterrupts.class.getName()) && st[k].getMethodName().equals("enter")) {
                    i = k + 2;
                    break;
                }
            }
            int seen = 0;
            for (; i < st.length; i++) {
                StackTraceElement e = st[i];
                if (LuajcLoader.NAME.equals(e.getClassLoaderName()) && isBody(e.getMethodName())) {
                    if (++seen == level) {
                        fileline = (e.getFileName() != null ? chunkid(e.getFileName()) : "?") + ":"
                                + (e.getLineNumber() >= 0 ? String.valueOf(e.getLineNumber()) : "?") + ":";
                        break;
                    }
                }
            }
            if (fileline == null && seen == 0) {
                fileline = "?:?:";
            }
        }
        if (fileline != null) {
            FILELINE.set(le, fileline);
        }
        String msg = le.getMessage();
        TRACEBACK.set(le, errorHook(msg));
    }

    /** The innermost compiled Lua frame, for the {@code on @user_script:N.} Redis adds to the reply whatever the level. */
    private static void notePosition(LuaError le, Throwable origin) {
        for (StackTraceElement e : origin.getStackTrace()) {
            if (LuajcLoader.NAME.equals(e.getClassLoaderName()) && isBody(e.getMethodName()) && e.getLineNumber() > 0) {
                org.luaj.vm2.CinnabarHooks.notePosition(le, (e.getFileName() != null ? e.getFileName() : "?") + ":" + e.getLineNumber());
                return;
            }
        }
    }

    /** {@code @user_script} as Lua prints it in messages. */
    private static String chunkid(String source) {
        return source.startsWith("@") || source.startsWith("=") ? source.substring(1) : source;
    }

    private static boolean isBody(String method) {
        return method.equals("call") || method.equals("onInvoke");
    }

    /** LuaClosure.errorHook without the debuglib traceback */
    private static String errorHook(String msg) {
        Run r = LuaInterrupts.run;
        LuaThread t = r != null ? r.globals().running : null;
        if (t == null || t.errorfunc == null || t.errorfunc == PLAIN) {
            return msg;
        }
        LuaValue e = t.errorfunc;
        t.errorfunc = null;
        try {
            return e.call(LuaValue.valueOf(msg)).tojstring();
        } catch (Throwable x) {
            return "error in error handling";
        } finally {
            t.errorfunc = e;
        }
    }
}
