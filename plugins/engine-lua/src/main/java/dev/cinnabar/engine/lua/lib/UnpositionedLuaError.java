package dev.cinnabar.engine.lua.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * An error that Lua 5.1 raises with {@code luaG_runerror} from inside a C function, such as
 * "table index is nil" when decoding: C Lua adds no "chunk:line:" position to those, because the
 * running function is not a Lua function. LuaJ adds the position of the innermost Lua frame to
 * every error thrown through it; this one keeps its message bare both as message object (what
 * {@code pcall} returns) and as {@link #getMessage()}.
 */
final class UnpositionedLuaError extends LuaError {

    private static final long serialVersionUID = 1L;

    private final String bare;

    UnpositionedLuaError(String message) {
        super(LuaValue.valueOf(message));
        this.bare = message;
    }

    @Override
    public String getMessage() {
        return traceback != null ? traceback : bare;
    }
}
