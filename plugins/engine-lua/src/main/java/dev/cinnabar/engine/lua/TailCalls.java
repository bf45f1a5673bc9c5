package dev.cinnabar.engine.lua;

import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;

/**
 * Turns tail calls into ordinary calls. LuaJ runs a tail call after the calling function has
 * returned, so an error raised by the callee ({@code return redis.call(...)}) has no Lua frame
 * left to take its line from, while C Lua still reports the caller's line, as Redis's replies
 * show ({@code on @user_script:1.}). Lua's compiler always follows {@code TAILCALL A B 0} with
 * {@code RETURN A 0}, so {@code CALL A B 0} (all results) gives the same values.
 */
final class TailCalls {

    private TailCalls() {
    }

    static void disable(Prototype p) {
        int[] code = p.code;
        for (int pc = 0; pc < code.length; pc++) {
            int i = code[pc];
            if ((i & Lua.MASK_OP) >> Lua.POS_OP == Lua.OP_TAILCALL) {
                code[pc] = (i & Lua.MASK_NOT_OP & Lua.MASK_NOT_C) | (Lua.OP_CALL << Lua.POS_OP);
            }
        }
        if (p.p != null) {
            for (Prototype child : p.p) {
                disable(child);
            }
        }
    }
}
