package dev.cinnabar.engine.lua;

import org.luaj.vm2.CinnabarHooks;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * What the engine needs of an error that ended a run or reached {@code pcall}: the value Lua code
 * sees (the object given to {@code error()}, or the message worded and positioned as Lua 5.1 does,
 * which the patched LuaJ builds), and the {@code source:line} of the innermost Lua frame, which
 * Redis's error handler adds to the reply ({@code on @user_script:3.}) whatever the error value.
 */
final class LuaErrors {

    private LuaErrors() {
    }

    static LuaValue value(LuaError e) {
        LuaValue v = e.getMessageObject();
        return v == null ? LuaValue.NIL : v;
    }

    /** {@code @user_script:3}, or null; read once per error. */
    static String position(LuaError e) {
        return CinnabarHooks.takePosition(e);
    }
}
