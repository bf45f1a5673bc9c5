package dev.cinnabar.engine.lua.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.1's auxiliary library ({@code luaL_check*}, {@code luaL_argerror}, {@code luaL_checkstack})
 * for the Java libraries: the same coercions and the same error texts as the C code in Redis.
 *
 * <p>One difference is structural: C Lua names the function in "bad argument" errors after the
 * call site ({@code '?'} under a direct {@code pcall(f, ...)}, the local's name for an alias,
 * "calling 'f' on bad self" for a method call). LuaJ keeps no call-site names, so the name is
 * always the one the library registers, which is what a plain {@code lib.f(...)} call gets.
 */
final class LuaArgs {

    /** {@code LUAI_MAXCSTACK}: the most stack slots a C function may use. */
    static final int MAX_C_STACK = 8000;

    private LuaArgs() {
    }

    /** {@code luaL_typename}: "no value" past the last argument. */
    static String typeName(Varargs args, int i) {
        return i > args.narg() ? "no value" : args.arg(i).typename();
    }

    /** {@code luaL_argerror}. */
    static LuaError argError(int narg, String fname, String extramsg) {
        return new LuaError("bad argument #" + narg + " to '" + fname + "' (" + extramsg + ")");
    }

    /** {@code luaL_typerror}. */
    static LuaError typeError(Varargs args, int narg, String fname, String expected) {
        return argError(narg, fname, expected + " expected, got " + typeName(args, narg));
    }

    /** {@code lua_isnumber}: a number, or a string that converts to one. */
    static boolean isNumber(LuaValue v) {
        return toNumberOrNull(v) != null;
    }

    /** {@code lua_tonumber}: the value as a number, 0 when it does not convert. */
    static double toNumber(LuaValue v) {
        Double d = toNumberOrNull(v);
        return d == null ? 0 : d;
    }

    static Double toNumberOrNull(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TNUMBER:
                return v.todouble();
            case LuaValue.TSTRING:
                return LuaNumberText.parse((LuaString) v.checkstring());
            default:
                return null;
        }
    }

    /** {@code luaL_checknumber}. */
    static double checkNumber(Varargs args, int i, String fname) {
        Double d = toNumberOrNull(args.arg(i));
        if (d == null) {
            throw typeError(args, i, fname, "number");
        }
        return d;
    }

    /** {@code luaL_checkinteger}: {@code lua_Integer} is {@code ptrdiff_t}, 64 bits. */
    static long checkInteger(Varargs args, int i, String fname) {
        return CCasts.toInt64(checkNumber(args, i, fname));
    }

    /** {@code luaL_optinteger}. */
    static long optInteger(Varargs args, int i, String fname, long def) {
        return args.arg(i).isnil() ? def : checkInteger(args, i, fname);
    }

    /** {@code lua_tolstring}: strings as they are, numbers in {@code "%.14g"}, else null. */
    static LuaString toLString(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TSTRING:
                return (LuaString) v.checkstring();
            case LuaValue.TNUMBER:
                return LuaNumberText.format(v.todouble());
            default:
                return null;
        }
    }

    /** {@code luaL_checklstring}. */
    static LuaString checkLString(Varargs args, int i, String fname) {
        LuaString s = toLString(args.arg(i));
        if (s == null) {
            throw typeError(args, i, fname, "string");
        }
        return s;
    }

    /**
     * {@code luaL_checkstack(L, size, msg)} for a C function whose stack holds {@code top}
     * slots: the libraries count the slots their C originals would use, so the same inputs
     * overflow.
     */
    static void checkStack(int top, int size, String msg) {
        if (size > MAX_C_STACK || top + size > MAX_C_STACK) {
            throw new LuaError("stack overflow (" + msg + ")");
        }
    }
}
