package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's math library: abs acos asin atan atan2 ceil cos cosh deg exp floor fmod frexp huge
 * ldexp log log10 max min mod modf pi pow rad random randomseed sin sinh sqrt tan tanh, with
 * {@code math.random} on Redis's drand48 generator ({@link Drand48}).
 */
final class MathLib51 {

    private MathLib51() {
    }

    interface D1 {
        double f(double x);
    }

    interface D2 {
        double f(double x, double y);
    }

    abstract static class Fn extends VarArgFunction {
        Fn(String name) {
            this.name = name;
        }

        String fname() {
            return name;
        }
    }

    static Fn unary(String name, D1 op) {
        return new Fn(name) {
            public Varargs invoke(Varargs a) {
                return valueOf(op.f(Args51.checkNumber(a, 1, this.name)));
            }
        };
    }

    static Fn binary(String name, D2 op) {
        return new Fn(name) {
            public Varargs invoke(Varargs a) {
                double x = Args51.checkNumber(a, 1, this.name);
                double y = Args51.checkNumber(a, 2, this.name);
                return valueOf(op.f(x, y));
            }
        };
    }

    static void install(Globals g) {
        LuaTable t = new LuaTable();
        Fn fmod = binary("fmod", MathLib51::fmod);
        Fn[] fns = {
            unary("abs", Math::abs),
            unary("acos", Math::acos),
            unary("asin", Math::asin),
            unary("atan", Math::atan),
            binary("atan2", Math::atan2),
            unary("ceil", Math::ceil),
            unary("cos", Math::cos),
            unary("cosh", Math::cosh),
            unary("deg", x -> x * (180.0 / Math.PI)),
            unary("exp", Math::exp),
            unary("floor", Math::floor),
            fmod,
            new Fn("frexp") {
                public Varargs invoke(Varargs a) {
                    double x = Args51.checkNumber(a, 1, name);
                    if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) return varargsOf(valueOf(x), valueOf(0));
                    int e = Math.getExponent(x);
                    double m;
                    if (e == Double.MIN_EXPONENT - 1) { // subnormal
                        double s = x * 0x1p54;
                        e = Math.getExponent(s) - 54;
                        m = s / Math.scalb(1.0, Math.getExponent(s) + 1);
                    } else {
                        m = x / Math.scalb(1.0, e + 1);
                    }
                    return varargsOf(valueOf(m), valueOf(e + 1));
                }
            },
            new Fn("ldexp") {
                public Varargs invoke(Varargs a) {
                    double m = Args51.checkNumber(a, 1, name);
                    int e = Args51.checkInt(a, 2, name);
                    return valueOf(Math.scalb(m, e));
                }
            },
            new Fn("log") {
                public Varargs invoke(Varargs a) {
                    return valueOf(Math.log(Args51.checkNumber(a, 1, name)));
                }
            },
            unary("log10", Math::log10),
            new Fn("max") {
                public Varargs invoke(Varargs a) {
                    int n = a.narg();
                    double dmax = Args51.checkNumber(a, 1, name);
                    for (int i = 2; i <= n; i++) {
                        double d = Args51.checkNumber(a, i, name);
                        if (d > dmax) dmax = d;
                    }
                    return valueOf(dmax);
                }
            },
            new Fn("min") {
                public Varargs invoke(Varargs a) {
                    int n = a.narg();
                    double dmin = Args51.checkNumber(a, 1, name);
                    for (int i = 2; i <= n; i++) {
                        double d = Args51.checkNumber(a, i, name);
                        if (d < dmin) dmin = d;
                    }
                    return valueOf(dmin);
                }
            },
            new Fn("modf") {
                public Varargs invoke(Varargs a) {
                    double x = Args51.checkNumber(a, 1, name);
                    double ip = x >= 0 ? Math.floor(x) : Math.ceil(x);
                    double fp = Double.isInfinite(x) ? Math.copySign(0.0, x) : x - ip;
                    return varargsOf(valueOf(ip), valueOf(fp));
                }
            },
            binary("pow", Math::pow),
            unary("rad", x -> x * (Math.PI / 180.0)),
            new Fn("random") {
                public Varargs invoke(Varargs a) {
                    double r = (double) (Drand48.next() % 2147483647L) / 2147483647.0;
                    switch (a.narg()) {
                        case 0:
                            return valueOf(r);
                        case 1: {
                            int u = Args51.checkInt(a, 1, name);
                            if (!(1 <= u)) throw Args51.argError(1, name, "interval is empty");
                            return valueOf(Math.floor(r * u) + 1);
                        }
                        case 2: {
                            int l = Args51.checkInt(a, 1, name);
                            int u = Args51.checkInt(a, 2, name);
                            if (!(l <= u)) throw Args51.argError(2, name, "interval is empty");
                            return valueOf(Math.floor(r * (u - l + 1)) + l);
                        }
                        default:
                            throw new LuaError("wrong number of arguments");
                    }
                }
            },
            new Fn("randomseed") {
                public Varargs invoke(Varargs a) {
                    Drand48.seed(Args51.checkInt(a, 1, name));
                    return NONE;
                }
            },
            unary("sin", Math::sin),
            unary("sinh", Math::sinh),
            unary("sqrt", Math::sqrt),
            unary("tan", Math::tan),
            unary("tanh", Math::tanh),
        };
        for (Fn f : fns) t.rawset(f.fname(), f);
        t.rawset("mod", fmod);
        t.rawset("huge", LuaValue.valueOf(Double.POSITIVE_INFINITY));
        t.rawset("pi", LuaValue.valueOf(Math.PI));
        g.set("math", t);
    }

    /** C's fmod. */
    static double fmod(double x, double y) {
        return x % y;
    }
}
