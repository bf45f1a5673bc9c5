package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.cinnabar.Lua51ArgError;

/** Argument checks with Lua 5.1's auxiliary-library messages ({@code bad argument #1 to 'insert' (table expected, got nil)}). */
final class Args51 {

    private Args51() {
    }

    /**
     * luaL_argerror. {@code fname} documents the library name only: as in 5.1, the name in the
     * message is the one the call site used ({@code ?} when called from a Java function).
     */
    static LuaError argError(int narg, String fname, String extramsg) {
        return new Lua51ArgError(narg, extramsg);
    }

    static LuaError typeError(Varargs args, int narg, String fname, String expected) {
        return argError(narg, fname, expected + " expected, got " + typeName(args, narg));
    }

    /** luaL_typename, with "no value" for an absent argument. */
    static String typeName(Varargs args, int narg) {
        return narg > args.narg() ? "no value" : args.arg(narg).typename();
    }

    static void checkAny(Varargs args, int narg, String fname) {
        if (narg > args.narg()) throw argError(narg, fname, "value expected");
    }

    static LuaTable checkTable(Varargs args, int narg, String fname) {
        LuaValue v = args.arg(narg);
        if (!v.istable()) throw typeError(args, narg, fname, "table");
        return (LuaTable) v;
    }

    static LuaValue checkFunction(Varargs args, int narg, String fname) {
        LuaValue v = args.arg(narg);
        if (!v.isfunction()) throw typeError(args, narg, fname, "function");
        return v;
    }

    /** luaL_checknumber: numbers and numeric strings. */
    static double checkNumber(Varargs args, int narg, String fname) {
        LuaValue v = args.arg(narg);
        if (v.type() == LuaValue.TNUMBER) return v.todouble();
        if (v.type() == LuaValue.TSTRING) {
            LuaValue n = v.tonumber();
            if (!n.isnil()) return n.todouble();
        }
        throw typeError(args, narg, fname, "number");
    }

    static double optNumber(Varargs args, int narg, String fname, double def) {
        return args.arg(narg).isnil() ? def : checkNumber(args, narg, fname);
    }

    /** C's (ptrdiff_t) cast of a double on x86-64: out of range and NaN give LONG_MIN. */
    static long toInteger(double d) {
        if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) return Long.MIN_VALUE;
        return (long) d;
    }

    /** luaL_checkinteger. */
    static long checkInteger(Varargs args, int narg, String fname) {
        return toInteger(checkNumber(args, narg, fname));
    }

    static long optInteger(Varargs args, int narg, String fname, long def) {
        return args.arg(narg).isnil() ? def : checkInteger(args, narg, fname);
    }

    /** luaL_checkint: the integer truncated to C int. */
    static int checkInt(Varargs args, int narg, String fname) {
        return (int) checkInteger(args, narg, fname);
    }

    static int optInt(Varargs args, int narg, String fname, int def) {
        return args.arg(narg).isnil() ? def : checkInt(args, narg, fname);
    }

    /** luaL_checklstring: strings, and numbers converted with %.14g. */
    static LuaString checkString(Varargs args, int narg, String fname) {
        LuaValue v = args.arg(narg);
        if (v.type() == LuaValue.TSTRING) return (LuaString) v.checkstring();
        if (v.type() == LuaValue.TNUMBER) return v.strvalue();
        throw typeError(args, narg, fname, "string");
    }

    static LuaString optString(Varargs args, int narg, String fname, LuaString def) {
        return args.arg(narg).isnil() ? def : checkString(args, narg, fname);
    }

    /** lua_isstring: strings and numbers. */
    static boolean isString(LuaValue v) {
        return v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER;
    }
}
