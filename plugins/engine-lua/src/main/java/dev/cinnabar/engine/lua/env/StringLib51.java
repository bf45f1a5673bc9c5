package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's string library as Redis ships it: byte char dump find format gfind gmatch gsub len
 * lower match rep reverse sub upper. Pattern matching is {@link Pattern51}. One library table and one string
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

    private static LuaTable build() {
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
                    LuaString s = Args51.checkString(a, 1, name);
                    LuaString p = Args51.checkString(a, 2, name);
                    long init = Args51.optInteger(a, 3, name, 1);
                    return Pattern51.find(s, p, init, a.arg(4).toboolean(), true);
                }
            },
            new Fn("format") {
                public Varargs invoke(Varargs a) {
                    return StringFormat51.format(a);
                }
            },
            new Fn("gmatch") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    LuaString p = Args51.checkString(a, 2, name);
                    int[] pos = {0};
                    return new Fn("gmatch_aux") {
                        public Varargs invoke(Varargs x) {
                            Object[] r = Pattern51.gmatchStep(s, p, pos[0]);
                            if (r == null) return NONE;
                            pos[0] = (Integer) r[0];
                            return (Varargs) r[1];
                        }
                    };
                }
            },
            new Fn("gsub") {
                public Varargs invoke(Varargs a) {
                    LuaString s = Args51.checkString(a, 1, name);
                    LuaString p = Args51.checkString(a, 2, name);
                    int tr = a.arg(3).type();
                    int maxS = Args51.optInt(a, 4, name, s.length() + 1);
                    if (!(tr == TNUMBER || tr == TSTRING || tr == TFUNCTION || tr == TTABLE)) {
                        throw Args51.argError(3, name, "string/function/table expected");
                    }
                    return Pattern51.gsub(s, p, a.arg(3), maxS);
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
                    LuaString s = Args51.checkString(a, 1, name);
                    LuaString p = Args51.checkString(a, 2, name);
                    long init = Args51.optInteger(a, 3, name, 1);
                    return Pattern51.find(s, p, init, false, false);
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
