package dev.cinnabar.engine.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Reads what LuaJ records about an error: the message object, the {@code source:line} of the
 * innermost Lua frame and the level {@code error()} was given. LuaJ keeps these in protected
 * fields and prints {@code "source:line msg"}; Lua 5.1 prints {@code "source:line: msg"} and
 * leaves the position out at level 0, so messages are rebuilt here.
 */
final class LuaErrors {

    private static final VarHandle FILELINE;
    private static final VarHandle LEVEL;
    private static final VarHandle TRACEBACK;
    private static final VarHandle OBJECT;

    static {
        try {
            // the automatic module org.luaj opens its packages
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(LuaError.class, MethodHandles.lookup());
            FILELINE = l.findVarHandle(LuaError.class, "fileline", String.class);
            LEVEL = l.findVarHandle(LuaError.class, "level", int.class);
            TRACEBACK = l.findVarHandle(LuaError.class, "traceback", String.class);
            OBJECT = l.findVarHandle(LuaError.class, "object", LuaValue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LuaErrors() {
    }

    /** {@code source:line} of the Lua frame the error passed first, or null. */
    static String fileline(LuaError e) {
        return (String) FILELINE.get(e);
    }

    /**
     * The error value as Lua code sees it: the object given to {@code error()}, or the message
     * with its position as Lua 5.1 words it.
     */
    static LuaValue value(LuaError e) {
        LuaValue object = (LuaValue) OBJECT.get(e);
        if (object != null) {
            return object;
        }
        String traceback = (String) TRACEBACK.get(e);
        TRACEBACK.set(e, (String) null);
        try {
            String fileline = fileline(e);
            String full = e.getMessage();
            if (full == null) {
                return LuaValue.NIL;
            }
            String raw = fileline != null && full.startsWith(fileline + " ") ? full.substring(fileline.length() + 1) : full;
            if (fileline == null || (int) LEVEL.get(e) == 0) {
                return Bytes.lua(raw);
            }
            return Bytes.lua(position(fileline) + ": " + raw);
        } finally {
            TRACEBACK.set(e, traceback);
        }
    }

    /** {@code @user_script:3} as Lua prints it in messages: {@code user_script:3}. */
    static String position(String fileline) {
        return fileline.startsWith("@") || fileline.startsWith("=") ? fileline.substring(1) : fileline;
    }

    /** The line of {@code source:line}, or null. */
    static String line(String fileline) {
        if (fileline == null) {
            return null;
        }
        int colon = fileline.lastIndexOf(':');
        return colon < 0 ? null : fileline.substring(colon + 1);
    }
}
