package org.luaj.vm2.cinnabar;

import org.luaj.vm2.LuaError;

/**
 * An error raised the way Lua 5.1's {@code luaG_runerror} raises it: the position prefix
 * ({@code user_script:1: }) is added only when a Lua instruction itself raised it (for example a
 * table write in {@code a=1}), not when it comes from inside a called function ({@code rawset(_G,'a',1)}).
 * {@link #noPosition} errors never get a prefix (Lua's memory errors).
 */
public class Lua51Error extends LuaError {
    private static final long serialVersionUID = 1L;

    private final boolean noPosition;

    public Lua51Error(String message) {
        this(message, false);
    }

    public Lua51Error(String message, boolean noPosition) {
        super(message);
        this.noPosition = noPosition;
    }

    /** True if the message never takes a position prefix. */
    public boolean noPosition() {
        return noPosition;
    }

    /** Lua 5.1's message for a failed allocation: {@code not enough memory}, without position. */
    public static Lua51Error notEnoughMemory() {
        return new Lua51Error("not enough memory", true);
    }
}
