package dev.cinnabar.engine.lua.env;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.cinnabar.Lua51Numbers;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's base functions as Redis 7.0.15 exposes them: assert collectgarbage error gcinfo
 * getmetatable ipairs load loadstring next pairs pcall rawequal rawget rawset select setmetatable
 * tonumber tostring type unpack xpcall, plus {@code _G} and {@code _VERSION}. No print, dofile,
 * loadfile, require, getfenv, setfenv, newproxy.
 */
final class BaseFunctions51 {

    private BaseFunctions51() {
    }

    /** A named library function; {@code name} is used in argument errors. */
    abstract static class Fn extends VarArgFunction {
        Globals globals;

        Fn(String name) {
            this.name = name;
        }

        String fname() {
            return name;
        }
    }

    /** An error object with an explicit level (LuaError's level is otherwise always 1). */
    static final class LevelError extends LuaError {
        private static final long serialVersionUID = 1L;

        LevelError(LuaValue value, int level) {
            super(value);
            this.level = level;
        }
    }

    /** 5.1's message when something that is not callable is called from a C function. */
    static LuaError notCallable(LuaValue f) {
        return new LuaError("attempt to call a " + f.typename() + " value");
    }

    static boolean callable(LuaValue f) {
        return f.isfunction() || !f.metatag(LuaValue.CALL).isnil();
    }

    static void install(Globals g) {
        g.set("_G", g);
        g.set("_VERSION", LuaValue.valueOf("Lua 5.1"));
        Fn[] fns = {
            new Fn("assert") {
                public Varargs invoke(Varargs a) {
                    Args51.checkAny(a, 1, name);
                    if (!a.arg1().toboolean()) {
                        LuaString m = Args51.optString(a, 2, name, LuaValue.valueOf("assertion failed!"));
                        throw new LuaError(m.tojstring());
                    }
                    return a;
                }
            },
            new Fn("collectgarbage") {
                public Varargs invoke(Varargs a) {
                    String opt = Args51.optString(a, 1, name, LuaValue.valueOf("collect")).tojstring();
                    int ex = Args51.optInt(a, 2, name, 0);
                    switch (opt) {
                        case "stop": case "restart": case "collect":
                            return LuaValue.valueOf(0);
                        case "count": {
                            Runtime r = Runtime.getRuntime();
                            return LuaValue.valueOf((r.totalMemory() - r.freeMemory()) / 1024.0);
                        }
                        case "step":
                            return LuaValue.FALSE;
                        case "setpause":
                            return LuaValue.valueOf(200);
                        case "setstepmul":
                            return LuaValue.valueOf(200);
                        default:
                            throw Args51.argError(1, name, "invalid option '" + opt + "'");
                    }
                }
            },
            new Fn("error") {
                public Varargs invoke(Varargs a) {
                    int level = Args51.optInt(a, 2, name, 1);
                    LuaValue m = a.arg1();
                    if (Args51.isString(m) && level > 0) {
                        throw new LuaError(m.tojstring(), level);
                    }
                    throw new LevelError(m, 0);
                }
            },
            new Fn("gcinfo") {
                public Varargs invoke(Varargs a) {
                    Runtime r = Runtime.getRuntime();
                    return LuaValue.valueOf((int) ((r.totalMemory() - r.freeMemory()) / 1024));
                }
            },
            new Fn("getmetatable") {
                public Varargs invoke(Varargs a) {
                    Args51.checkAny(a, 1, name);
                    LuaValue mt = a.arg1().getmetatable();
                    if (mt == null) return NIL;
                    LuaValue protectedMt = mt.rawget(METATABLE);
                    return protectedMt.isnil() ? mt : protectedMt;
                }
            },
            new Fn("ipairs") {
                public Varargs invoke(Varargs a) {
                    Args51.checkTable(a, 1, name);
                    return varargsOf(IPAIRS_AUX, a.arg1(), LuaValue.valueOf(0));
                }
            },
            new Fn("load") {
                public Varargs invoke(Varargs a) {
                    LuaValue reader = Args51.checkFunction(a, 1, name);
                    LuaString chunkname = Args51.optString(a, 2, name, LuaValue.valueOf("=(load)"));
                    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                    Globals g = globalsOf(this);
                    while (true) {
                        LuaValue piece = reader.call();
                        if (piece.isnil()) break;
                        if (!Args51.isString(piece)) {
                            return varargsOf(NIL, LuaValue.valueOf("reader function must return a string"));
                        }
                        LuaString s = piece.strvalue();
                        if (s.length() == 0) break;
                        Limits51.checkStringSize((long) buf.size() + s.length());
                        buf.write(s.m_bytes, s.m_offset, s.m_length);
                    }
                    return loadChunk(g, buf.toByteArray(), chunkname.tojstring());
                }
            },
            new Fn("loadstring") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    LuaString chunkname = Args51.optString(a, 2, name, s);
                    byte[] b = new byte[s.length()];
                    s.copyInto(0, b, 0, b.length);
                    return loadChunk(globalsOf(this), b, chunkname.tojstring());
                }
            },
            new Fn("next") {
                public Varargs invoke(Varargs a) {
                    LuaTable t = Args51.checkTable(a, 1, name);
                    return t.next(a.arg(2));
                }
            },
            new Fn("pairs") {
                public Varargs invoke(Varargs a) {
                    Args51.checkTable(a, 1, name);
                    return varargsOf(NEXT[0], a.arg1(), NIL);
                }
            },
            new Fn("pcall") {
                public Varargs invoke(Varargs a) {
                    Args51.checkAny(a, 1, name);
                    LuaValue f = a.arg1();
                    if (!callable(f)) return varargsOf(FALSE, LuaValue.valueOf("attempt to call a " + f.typename() + " value"));
                    Globals g = globalsOf(this);
                    if (g != null && g.debuglib != null) g.debuglib.onCall(this);
                    try {
                        return varargsOf(TRUE, f.invoke(a.subargs(2)).eval());
                    } catch (LuaError e) {
                        LuaValue m = e.getMessageObject();
                        return varargsOf(FALSE, m != null ? m : NIL);
                    } finally {
                        if (g != null && g.debuglib != null) g.debuglib.onReturn();
                    }
                }
            },
            new Fn("rawequal") {
                public Varargs invoke(Varargs a) {
                    Args51.checkAny(a, 1, name);
                    Args51.checkAny(a, 2, name);
                    return valueOf(a.arg1().raweq(a.arg(2)));
                }
            },
            new Fn("rawget") {
                public Varargs invoke(Varargs a) {
                    LuaTable t = Args51.checkTable(a, 1, name);
                    Args51.checkAny(a, 2, name);
                    return t.rawget(a.arg(2));
                }
            },
            new Fn("rawset") {
                public Varargs invoke(Varargs a) {
                    LuaTable t = Args51.checkTable(a, 1, name);
                    Args51.checkAny(a, 2, name);
                    Args51.checkAny(a, 3, name);
                    LuaValue k = a.arg(2);
                    if (k.isnil()) throw new org.luaj.vm2.cinnabar.Lua51Error("table index is nil");
                    if (k.type() == TNUMBER && Double.isNaN(k.todouble())) {
                        throw new org.luaj.vm2.cinnabar.Lua51Error("table index is NaN");
                    }
                    t.rawset(k, a.arg(3));
                    return t;
                }
            },
            new Fn("select") {
                public Varargs invoke(Varargs a) {
                    int top = a.narg();
                    LuaValue n0 = a.arg1();
                    if (n0.type() == TSTRING && n0.strvalue().length() > 0 && n0.strvalue().luaByte(0) == '#') {
                        return LuaValue.valueOf(top - 1);
                    }
                    long n = Args51.checkInteger(a, 1, name);
                    if (n < 0) n = (top - 1) + n + 1;
                    else if (n > top - 1) n = top;
                    if (n < 1) throw Args51.argError(1, name, "index out of range");
                    return a.subargs((int) n + 1);
                }
            },
            new Fn("setmetatable") {
                public Varargs invoke(Varargs a) {
                    LuaTable t = Args51.checkTable(a, 1, name);
                    LuaValue mt = a.arg(2);
                    if (!(mt.isnil() || mt.istable())) throw Args51.argError(2, name, "nil or table expected");
                    LuaValue cur = t.getmetatable();
                    if (cur != null && !cur.rawget(METATABLE).isnil()) {
                        throw new LuaError("cannot change a protected metatable");
                    }
                    t.setmetatable(mt.isnil() ? null : mt);
                    return t;
                }
            },
            new Fn("tonumber") {
                public Varargs invoke(Varargs a) {
                    int base = Args51.optInt(a, 2, name, 10);
                    if (base == 10) {
                        Args51.checkAny(a, 1, name);
                        LuaValue v = a.arg1();
                        if (v.type() == TNUMBER) return v;
                        if (v.type() == TSTRING) return v.tonumber();
                        return NIL;
                    }
                    LuaString s = Args51.checkString(a, 1, name);
                    if (base < 2 || base > 36) throw Args51.argError(2, name, "base out of range");
                    byte[] b = new byte[s.length()];
                    s.copyInto(0, b, 0, b.length);
                    int[] stop = new int[1];
                    long[] r = Lua51Numbers.strtoul(b, 0, b.length, base, stop);
                    if (r != null) {
                        int e = stop[0];
                        while (e < b.length && (b[e] == ' ' || (b[e] >= '\t' && b[e] <= '\r'))) e++;
                        if (e == b.length) {
                            long u = r[0];
                            double d = (double) (u & 0x7fffffffffffffffL);
                            if (u < 0) d += 0x1.0p63;
                            return LuaValue.valueOf(d);
                        }
                    }
                    return NIL;
                }
            },
            new Fn("tostring") {
                public Varargs invoke(Varargs a) {
                    Args51.checkAny(a, 1, name);
                    return BaseFunctions51.tostring(a.arg1());
                }
            },
            new Fn("type") {
                public Varargs invoke(Varargs a) {
                    if (a.narg() < 1) throw Args51.argError(1, name, "value expected");
                    return LuaValue.valueOf(a.arg1().typename());
                }
            },
            new Fn("unpack") {
                public Varargs invoke(Varargs a) {
                    LuaTable t = Args51.checkTable(a, 1, name);
                    long i = Args51.optInt(a, 2, name, 1);
                    long e = a.arg(3).isnil() ? t.rawlen() : Args51.checkInt(a, 3, name);
                    if (i > e) return NONE;
                    long n = e - i + 1;
                    if (n <= 0 || n + a.narg() > 8000) throw new LuaError("too many results to unpack");
                    LuaValue[] v = new LuaValue[(int) n];
                    for (int k = 0; k < n; k++) v[k] = t.rawget((int) (i + k));
                    return varargsOf(v);
                }
            },
            new Fn("xpcall") {
                public Varargs invoke(Varargs a) {
                    Args51.checkAny(a, 2, name);
                    LuaValue f = a.arg1();
                    LuaValue handler = a.arg(2);
                    Globals g = globalsOf(this);
                    if (g != null && g.debuglib != null) g.debuglib.onCall(this);
                    try {
                        if (!callable(f)) throw notCallable(f);
                        return varargsOf(TRUE, f.invoke(NONE).eval());
                    } catch (LuaError e) {
                        LuaValue m = e.getMessageObject();
                        try {
                            return varargsOf(FALSE, handler.call(m != null ? m : NIL));
                        } catch (LuaError e2) {
                            return varargsOf(FALSE, LuaValue.valueOf("error in error handling"));
                        }
                    } finally {
                        if (g != null && g.debuglib != null) g.debuglib.onReturn();
                    }
                }
            },
        };
        for (Fn f : fns) {
            f.globals = g;
            if (f.fname().equals("next")) NEXT[0] = f;
            g.set(f.fname(), f);
        }
    }

    private final static LuaValue[] NEXT = new LuaValue[1];

    private static final LuaFunction IPAIRS_AUX = new VarArgFunction() {
        {
            name = "ipairs_aux";
        }

        public Varargs invoke(Varargs a) {
            LuaTable t = a.arg1().checktable();
            int i = a.arg(2).toint() + 1;
            LuaValue v = t.rawget(i);
            return v.isnil() ? NIL : varargsOf(LuaValue.valueOf(i), v);
        }
    };

    static Globals globalsOf(Fn f) {
        return f.globals;
    }

    /** luaB_tostring: __tostring, %.14g numbers, {@code table: 0x...} addresses. */
    static LuaValue tostring(LuaValue v) {
        LuaValue h = v.metatag(TOSTRING);
        if (!h.isnil()) return h.call(v);
        switch (v.type()) {
            case LuaValue.TNUMBER:
            case LuaValue.TSTRING:
                return v.strvalue();
            case LuaValue.TBOOLEAN:
                return v.toboolean() ? LuaValue.valueOf("true") : LuaValue.valueOf("false");
            case LuaValue.TNIL:
                return LuaValue.valueOf("nil");
            case LuaValue.TUSERDATA:
                // the only userdata are library sentinels that know their text (cjson.null: "userdata: (nil)")
                return LuaValue.valueOf(v.tojstring());
            default:
                return LuaValue.valueOf(v.typename() + ": " + address(v));
        }
    }

    /** A stable pseudo address in the %p style of glibc ({@code 0x...}). */
    static String address(LuaValue v) {
        if (v instanceof LuaThread t && t.isMainThread()) {
            return String.format("0x%08x", System.identityHashCode(t) & 0xffffffffL);
        }
        return String.format("0x%08x", System.identityHashCode(v) & 0xffffffffL);
    }

    private static final LuaString TOSTRING = LuaValue.valueOf("__tostring");
    private static final LuaString METATABLE = LuaValue.valueOf("__metatable");

    /** Compiles a chunk for load/loadstring: nil plus message on error. */
    static Varargs loadChunk(Globals g, byte[] source, String chunkname) {
        try {
            return LuaEnvironment.compile(g, source, chunkname);
        } catch (LuaError e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
        }
    }

    static LuaString bytes(String s) {
        return LuaString.valueOf(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
