package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.cinnabar.Lua51Error;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's table library: concat foreach foreachi getn insert maxn remove setn sort, with 5.1's
 * argument order, messages and algorithms (sort is 5.1's quicksort, so results with
 * inconsistent comparators and the {@code invalid order function for sorting} error match).
 */
final class TableLib51 {

    private TableLib51() {
    }

    abstract static class Fn extends VarArgFunction {
        Fn(String name) {
            this.name = name;
        }

        String fname() {
            return name;
        }
    }

    static void install(Globals g) {
        LuaTable t = new LuaTable();
        Fn[] fns = {
            new Fn("concat") {
                public Varargs invoke(Varargs a) {
                    LuaString sep = Args51.optString(a, 2, name, EMPTYSTRING);
                    LuaTable tb = Args51.checkTable(a, 1, name);
                    long i = Args51.optInt(a, 3, name, 1);
                    long last = a.arg(4).isnil() ? tb.rawlen() : Args51.checkInt(a, 4, name);
                    StringFormat51.Out out = new StringFormat51.Out();
                    for (; i < last; i++) {
                        addField(out, tb, i);
                        out.writeString(sep);
                    }
                    if (i == last) addField(out, tb, i);
                    return LuaString.valueUsing(out.toByteArray());
                }
            },
            new Fn("foreach") {
                public Varargs invoke(Varargs a) {
                    LuaTable tb = Args51.checkTable(a, 1, name);
                    LuaValue f = Args51.checkFunction(a, 2, name);
                    LuaValue k = NIL;
                    while (true) {
                        Varargs n = tb.next(k);
                        k = n.arg1();
                        if (k.isnil()) return NONE;
                        LuaValue r = f.call(k, n.arg(2));
                        if (!r.isnil()) return r;
                    }
                }
            },
            new Fn("foreachi") {
                public Varargs invoke(Varargs a) {
                    LuaTable tb = Args51.checkTable(a, 1, name);
                    LuaValue f = Args51.checkFunction(a, 2, name);
                    int n = tb.rawlen();
                    for (int i = 1; i <= n; i++) {
                        LuaValue r = f.call(valueOf(i), tb.rawget(i));
                        if (!r.isnil()) return r;
                    }
                    return NONE;
                }
            },
            new Fn("getn") {
                public Varargs invoke(Varargs a) {
                    return valueOf(Args51.checkTable(a, 1, name).rawlen());
                }
            },
            new Fn("insert") {
                public Varargs invoke(Varargs a) {
                    LuaTable tb = Args51.checkTable(a, 1, name);
                    int e = tb.rawlen() + 1;
                    int pos;
                    switch (a.narg()) {
                        case 2:
                            pos = e;
                            break;
                        case 3: {
                            pos = Args51.checkInt(a, 2, name);
                            if (pos > e) e = pos;
                            for (int i = e; i > pos; i--) tb.rawset(i, tb.rawget(i - 1));
                            break;
                        }
                        default:
                            throw new LuaError("wrong number of arguments to 'insert'");
                    }
                    tb.rawset(pos, a.arg(a.narg()));
                    return NONE;
                }
            },
            new Fn("maxn") {
                public Varargs invoke(Varargs a) {
                    LuaTable tb = Args51.checkTable(a, 1, name);
                    double max = 0;
                    LuaValue k = NIL;
                    while (true) {
                        Varargs n = tb.next(k);
                        k = n.arg1();
                        if (k.isnil()) break;
                        if (k.type() == TNUMBER) {
                            double v = k.todouble();
                            if (v > max) max = v;
                        }
                    }
                    return valueOf(max);
                }
            },
            new Fn("remove") {
                public Varargs invoke(Varargs a) {
                    LuaTable tb = Args51.checkTable(a, 1, name);
                    int e = tb.rawlen();
                    int pos = Args51.optInt(a, 2, name, e);
                    if (!(1 <= pos && pos <= e)) return NONE;
                    LuaValue v = tb.rawget(pos);
                    for (; pos < e; pos++) tb.rawset(pos, tb.rawget(pos + 1));
                    tb.rawset(e, NIL);
                    return v;
                }
            },
            new Fn("setn") {
                public Varargs invoke(Varargs a) {
                    Args51.checkTable(a, 1, name);
                    Args51.checkInt(a, 2, name);
                    throw new LuaError("'setn' is obsolete");
                }
            },
            new Fn("sort") {
                public Varargs invoke(Varargs a) {
                    LuaTable tb = Args51.checkTable(a, 1, name);
                    int n = tb.rawlen();
                    LuaValue cmp = a.arg(2);
                    if (!cmp.isnil() && !cmp.isfunction()) throw Args51.typeError(a, 2, name, "function");
                    if (n > 1) {
                        // a read-only table cannot be sorted (rawset raises)
                        new Sorter(tb, cmp.isnil() ? null : cmp).auxsort(1, n);
                    }
                    return NONE;
                }
            },
        };
        for (Fn f : fns) t.rawset(f.fname(), f);
        g.set("table", t);
    }

    private static void addField(StringFormat51.Out out, LuaTable tb, long i) {
        LuaValue v = tb.rawget((int) i);
        if (!Args51.isString(v)) {
            throw new LuaError("invalid value (" + v.typename() + ") at index " + (int) i + " in table for 'concat'");
        }
        out.writeString(v.strvalue());
    }

    /** Lua 5.1's lua_lessthan for values without a comparator. */
    static boolean lessThan(LuaValue l, LuaValue r) {
        if (l.type() == LuaValue.TNUMBER && r.type() == LuaValue.TNUMBER) return l.todouble() < r.todouble();
        if (l.type() == LuaValue.TSTRING && r.type() == LuaValue.TSTRING) {
            return l.strvalue().strcmp(r.strvalue()) < 0;
        }
        if (l.type() == r.type()) {
            LuaValue h1 = l.metatag(LuaValue.LT);
            if (!h1.isnil() && h1.raweq(r.metatag(LuaValue.LT))) {
                return h1.call(l, r).toboolean();
            }
        }
        String t1 = l.typename(), t2 = r.typename();
        if (t1.equals(t2)) throw new Lua51Error("attempt to compare two " + t1 + " values");
        throw new Lua51Error("attempt to compare " + t1 + " with " + t2);
    }

    /** Lua 5.1's auxsort (ltablib.c), our transcription of the algorithm. */
    static final class Sorter {
        final LuaTable t;
        final LuaValue cmp;

        Sorter(LuaTable t, LuaValue cmp) {
            this.t = t;
            this.cmp = cmp;
        }

        boolean lt(LuaValue a, LuaValue b) {
            if (cmp != null) return cmp.call(a, b).toboolean();
            return lessThan(a, b);
        }

        LuaValue get(int i) {
            return t.rawget(i);
        }

        void set(int i, LuaValue v) {
            t.rawset(i, v);
        }

        void auxsort(int l, int u) {
            while (l < u) {
                LuaValue al = get(l), au = get(u);
                if (lt(au, al)) {
                    set(l, au);
                    set(u, al);
                }
                if (u - l == 1) break;
                int i = (l + u) / 2;
                LuaValue ai = get(i);
                al = get(l);
                if (lt(ai, al)) {
                    set(i, al);
                    set(l, ai);
                } else {
                    au = get(u);
                    if (lt(au, ai)) {
                        set(i, au);
                        set(u, ai);
                    }
                }
                if (u - l == 2) break;
                LuaValue p = get(i);
                LuaValue au1 = get(u - 1);
                set(i, au1);
                set(u - 1, p);
                i = l;
                int j = u - 1;
                for (;;) {
                    LuaValue vi, vj;
                    while (lt(vi = get(++i), p)) {
                        if (i > u) throw new LuaError("invalid order function for sorting");
                    }
                    while (lt(p, vj = get(--j))) {
                        if (j < l) throw new LuaError("invalid order function for sorting");
                    }
                    if (j < i) break;
                    set(i, vj);
                    set(j, vi);
                }
                LuaValue a1 = get(u - 1), a2 = get(i);
                set(u - 1, a2);
                set(i, a1);
                if (i - l < u - i) {
                    j = l;
                    i = i - 1;
                    l = i + 2;
                } else {
                    j = i + 1;
                    i = u;
                    u = j - 2;
                }
                auxsort(j, i);
            }
        }
    }
}
