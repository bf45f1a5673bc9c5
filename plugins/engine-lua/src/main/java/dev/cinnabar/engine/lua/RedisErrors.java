package dev.cinnabar.engine.lua;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** Redis's error tables ({@code {err="CODE msg"}}) and their normalisation ({@code luaPushErrorBuff}). */
final class RedisErrors {

    static final LuaValue ERR = LuaValue.valueOf("err");
    static final LuaValue IGNORE_STATS = LuaValue.valueOf("ignore_error_stats_update");

    private RedisErrors() {
    }

    /** {@link dev.cinnabar.api.script.ScriptErrors#normalise}: Redis's {@code luaPushErrorBuff}. */
    static String normalise(String text) {
        return dev.cinnabar.api.script.ScriptErrors.normalise(text);
    }

    /** {@code {err=text}} as Redis builds it for a normalised text. */
    static LuaTable table(String text) {
        LuaTable t = new LuaTable();
        t.rawset(ERR, Bytes.lua(text));
        return t;
    }

    /** The error reply of a command the script ran: counted already, so flagged. */
    static LuaTable commandError(String text) {
        LuaTable t = table(text);
        t.rawset(IGNORE_STATS, LuaValue.TRUE);
        return t;
    }

    /** A Redis-style text with C-string semantics: Redis formats these messages with {@code %s}, which stops at a NUL. */
    static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
