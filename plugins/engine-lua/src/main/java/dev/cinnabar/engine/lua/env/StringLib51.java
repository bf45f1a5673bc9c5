package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's string library as Redis ships it: byte char dump find format gfind gmatch gsub len
 * lower match rep reverse sub upper. Pattern matching is LuaJ's (a port of the same matcher) behind
 * 5.1 argument checks and messages; everything else is ours. One library table and one string
 * metatable ({@code __index} = that table) are shared by every VM: LuaJ keeps the string metatable
 * in a static field, and both are read-only once any VM is protected, so sharing is safe.
 */
final class StringLib51 {

    private StringLib51() {
    }

    private static LuaTable shared;
    private static LuaTable sharedMeta;

    static synchronized void install(Globals g) {
        if (shared == null) {
            shared = build();
            sharedMeta = new LuaTable();
            sharedMeta.rawset(LuaValue.INDEX, shared);
        }
        LuaString.s_metatable = sharedMeta;
        g.set("string", shared);
    }

    abstract static class Fn extends VarArgFunction {
        Fn(String name) {
            this.name = name;
        }

        String fname() {
            return name;
        }
    }

    /** Wraps one of LuaJ's pattern functions, rewording its errors as 5.1 does. */
    static Varargs pattern(LuaValue luajFn, Varargs a) {
        try {
            return luajFn.invoke(a).eval();
        } catch (LuaError e) {
            String m = e.getMessage();
            switch (m == null ? "" : m) {
                case "malformed pattern (ends with %)":
                    throw new LuaError("malformed pattern (ends with '%')");
                case "malformed pattern (missing ])":
                    throw new LuaError("malformed pattern (missing ']')");
                case "Missing [ after %f in pattern":
                    throw new LuaError("missing '[' after '%f' in pattern");
                default:
                    throw e;
            }
        }
    }

    private static LuaTable build() {
        LuaTable env = new LuaTable();
        LuaTable pkg = new LuaTable();
        pkg.set("loaded", new LuaTable());
        env.set("package", pkg);
        LuaValue saved = LuaString.s_metatable;
        LuaTable luaj = (LuaTable) new StringLib().call(LuaValue.valueOf("string"), env);
        LuaString.s_metatable = saved;
        LuaValue jfind = luaj.get("find"), jmatch = luaj.get("match"), jgmatch = luaj.get("gmatch"), jgsub = luaj.get("gsub");

        LuaTable t = new LuaTable();
        Fn[] fns = {
            new Fn("byte") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    long l = s.length();
                    long posi = posrelat(Args51.optInteger(a, 2, name, 1), l);
                    long pose = posrelat(Args51.optInteger(a, 3, name, posi), l);
                    if (posi <= 0) posi = 1;
                    if (pose > l) pose = l;
                    if (posi > pose) return NONE;
                    int n = (int) (pose - posi + 1);
                    if (posi + n <= pose) throw new LuaError("string slice too long");
                    LuaValue[] v = new LuaValue[n];
                    for (int i = 0; i < n; i++) v[i] = valueOf(s.luaByte((int) (posi + i - 1)));
                    return varargsOf(v);
                }
            },
            new Fn("char") {
                public Varargs invoke(Varargs a) {
                    int n = a.narg();
                    byte[] b = new byte[n];
                    for (int i = 1; i <= n; i++) {
                        int c = Args51.checkInt(a, i, name);
                        if ((c & 0xff) != c) throw Args51.argError(i, name, "invalid value");
                        b[i - 1] = (byte) c;
                    }
                    return LuaString.valueUsing(b);
                }
            },
            new Fn("dump") {
                public Varargs invoke(Varargs a) {
                    LuaValue f = a.arg1();
                    if (!f.isfunction()) throw Args51.typeError(a, 1, name, "function");
                    if (!f.isclosure()) throw new LuaError("unable to dump given function");
                    // a 5.1 header followed by nothing loadable: chunks are never undumped here
                    return LuaString.valueUsing(new byte[] {0x1b, 'L', 'u', 'a', 'Q', 0, 1, 4, 8, 4, 8, 0});
                }
            },
            new Fn("find") {
                public Varargs invoke(Varargs a) {
                    Args51.checkString(a, 1, name);
                    Args51.checkString(a, 2, name);
                    Args51.optInteger(a, 3, name, 1);
                    return pattern(jfind, a);
                }
            },
            new Fn("format") {
                public Varargs invoke(Varargs a) {
                    return StringFormat51.format(a);
                }
            },
            new Fn("gmatch") {
                public Varargs invoke(Varargs a) {
                    Args51.checkString(a, 1, name);
                    Args51.checkString(a, 2, name);
                    LuaValue it = pattern(jgmatch, a).arg1();
                    return new Fn("gmatch_aux") {
                        public Varargs invoke(Varargs x) {
                            return pattern(it, x);
                        }
                    };
                }
            },
            new Fn("gsub") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    Args51.checkString(a, 2, name);
                    int tr = a.arg(3).type();
                    if (!(tr == TNUMBER || tr == TSTRING || tr == TFUNCTION || tr == TTABLE)) {
                        throw Args51.argError(3, name, "string/function/table expected");
                    }
                    Args51.optInt(a, 4, name, s.length() + 1);
                    return pattern(jgsub, a);
                }
            },
            new Fn("len") {
                public Varargs invoke(Varargs a) {
                    return valueOf(Args51.checkString(a, 1, name).length());
                }
            },
            new Fn("lower") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    byte[] b = new byte[s.length()];
                    for (int i = 0; i < b.length; i++) {
                        int c = s.luaByte(i);
                        b[i] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
                    }
                    return LuaString.valueUsing(b);
                }
            },
            new Fn("match") {
                public Varargs invoke(Varargs a) {
                    Args51.checkString(a, 1, name);
                    Args51.checkString(a, 2, name);
                    Args51.optInteger(a, 3, name, 1);
                    return pattern(jmatch, a);
                }
            },
            new Fn("rep") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    long n = Args51.checkInt(a, 2, name);
                    if (n <= 0 || s.length() == 0) return EMPTYSTRING;
                    Limits51.checkStringSize(n > Limits51.MAX_STRING ? -1 : n * s.length());
                    int l = s.length();
                    byte[] b = new byte[(int) (n * l)];
                    for (int i = 0; i < n; i++) s.copyInto(0, b, i * l, l);
                    return LuaString.valueUsing(b);
                }
            },
            new Fn("reverse") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    int n = s.length();
                    byte[] b = new byte[n];
                    for (int i = 0; i < n; i++) b[i] = (byte) s.luaByte(n - 1 - i);
                    return LuaString.valueUsing(b);
                }
            },
            new Fn("sub") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    long l = s.length();
                    long start = posrelat(Args51.checkInteger(a, 2, name), l);
                    long end = posrelat(Args51.optInteger(a, 3, name, -1), l);
                    if (start < 1) start = 1;
                    if (end > l) end = l;
                    if (start <= end) return s.substring((int) start - 1, (int) end);
                    return EMPTYSTRING;
                }
            },
            new Fn("upper") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    byte[] b = new byte[s.length()];
                    for (int i = 0; i < b.length; i++) {
                        int c = s.luaByte(i);
                        b[i] = (byte) (c >= 'a' && c <= 'z' ? c - 32 : c);
                    }
                    return LuaString.valueUsing(b);
                }
            },
        };
        for (Fn f : fns) t.rawset(f.fname(), f);
        t.rawset("gfind", t.rawget("gmatch"));
        return t;
    }

    /** 5.1's posrelat: negative positions count from the end. */
    static long posrelat(long pos, long len) {
        if (pos < 0) pos += len + 1;
        return pos >= 0 ? pos : 0;
    }
}
