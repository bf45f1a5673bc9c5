package dev.cinnabar.engine.lua;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** Redis's error tables ({@code {err="CODE msg"}}) and their normalisation ({@code luaPushErrorBuff}). */
final class RedisErrors {

    static final LuaValue ERR = LuaValue.valueOf("err");
    static final LuaValue IGNORE_STATS = LuaValue.valueOf("ignore_error_stats_update");

    private RedisErrors() {
    }

    /**
     * {@code "-CODE msg"} keeps its code, {@code "-msg"} without a space and {@code "msg"} get
     * {@code ERR}; the message is trimmed of CR/LF at both ends.
     */
    static String normalise(String text) {
        String code;
        String msg;
        if (!text.isEmpty() && text.charAt(0) == '-') {
            int space = text.indexOf(' ');
            if (space < 0) {
                code = "ERR";
                msg = text.substring(1);
            } else {
                code = text.substring(1, space);
                msg = text.substring(space + 1);
            }
        } else {
            code = "ERR";
            msg = text;
        }
        return code + " " + trimCrLf(msg);
    }

    private static String trimCrLf(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == '\r' || s.charAt(a) == '\n')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == '\r' || s.charAt(b - 1) == '\n')) {
            b--;
        }
        return s.substring(a, b);
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
