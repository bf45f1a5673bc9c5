package org.luaj.vm2.cinnabar;

import org.luaj.vm2.LuaError;

/**
 * {@code luaL_argerror}: "bad argument #n to 'name' (msg)". The function name comes from the call
 * site as in Lua 5.1 (the local, global, field or method name the caller used; {@code ?} when called
 * from a Java function such as pcall); for a method call the self argument is not counted.
 * Until a Lua frame names it, the message says {@code '?'}.
 */
public class Lua51ArgError extends LuaError {
    private static final long serialVersionUID = 1L;

    private final int narg;
    private final String extramsg;

    public Lua51ArgError(int narg, String extramsg) {
        super("bad argument #" + narg + " to '?' (" + extramsg + ")");
        this.narg = narg;
        this.extramsg = extramsg;
    }

    public int narg() {
        return narg;
    }

    public String extramsg() {
        return extramsg;
    }

    /** The 5.1 message for a call site that names the function {@code name} ({@code kind} "method" or other). */
    public String messageFor(String kind, String name) {
        int n = narg;
        if ("method".equals(kind)) {
            n--;
            if (n == 0) return "calling '" + name + "' on bad self (" + extramsg + ")";
        }
        return "bad argument #" + n + " to '" + (name == null ? "?" : name) + "' (" + extramsg + ")";
    }
}
