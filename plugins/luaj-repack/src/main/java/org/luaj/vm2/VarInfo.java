package org.luaj.vm2;

/**
 * Lua 5.1's variable descriptions in runtime errors ({@code local 'x'}, {@code global 'f'},
 * {@code field 'y'}, {@code upvalue 'u'}, {@code method 'm'}), computed from LuaJ's (5.2) bytecode
 * at the failing instruction. Our own implementation of the idea of ldebug.c's getobjname.
 */
final class VarInfo {

    private VarInfo() {
    }

    private static int A(int i) { return (i >> 6) & 0xff; }
    private static int B(int i) { return (i >>> 23) & 0x1ff; }
    private static int C(int i) { return (i >> 14) & 0x1ff; }
    private static int sBx(int i) { return ((i >>> 14) & 0x3ffff) - 0x1ffff; }
    private static boolean isK(int x) { return (x & 0x100) != 0; }

    /** Returns the 5.1 message for the VM error at pc, or null to keep LuaJ's. */
    static String rewrite(LuaClosure cl, Prototype p, int pc, LuaValue[] stack, String raw) {
        int i = p.code[pc];
        int op = i & 0x3f;
        switch (op) {
            case Lua.OP_GETTABLE:
            case Lua.OP_SELF:
                return typeError(p, pc, stack[B(i)], B(i), "index");
            case Lua.OP_SETTABLE:
                if (raw.startsWith("table index")) return keyError(p, stack, B(i));
                return typeError(p, pc, stack[A(i)], A(i), "index");
            case Lua.OP_GETTABUP:
                return upvalError(cl, p, B(i), "index");
            case Lua.OP_SETTABUP:
                if (raw.startsWith("table index")) return keyError(p, stack, B(i));
                return upvalError(cl, p, A(i), "index");
            case Lua.OP_CALL:
            case Lua.OP_TAILCALL:
                if (!raw.startsWith("attempt to call")) return null;
                return typeError(p, pc, stack[A(i)], A(i), "call");
            case Lua.OP_TFORCALL:
                // 5.1 calls a copy of the generator: no variable name
                if (!raw.startsWith("attempt to call")) return null;
                return plain("call", stack[A(i)] == null ? LuaValue.NIL : stack[A(i)]);
            case Lua.OP_ADD: case Lua.OP_SUB: case Lua.OP_MUL: case Lua.OP_DIV: case Lua.OP_MOD: case Lua.OP_POW: {
                int b = B(i), c = C(i);
                LuaValue vb = isK(b) ? p.k[b & 0xff] : stack[b];
                int bad = vb.tonumber().isnil() ? b : c;
                LuaValue v = isK(bad) ? p.k[bad & 0xff] : stack[bad];
                if (isK(bad)) return plain("perform arithmetic on", v);
                return typeError(p, pc, v, bad, "perform arithmetic on");
            }
            case Lua.OP_UNM:
                return typeError(p, pc, stack[B(i)], B(i), "perform arithmetic on");
            case Lua.OP_LEN:
                return typeError(p, pc, stack[B(i)], B(i), "get length of");
            case Lua.OP_CONCAT: {
                int b = B(i), c = C(i);
                int bad = -1;
                for (int r = c; r >= b; r--) {
                    if (!isStrNum(stack[r])) {
                        bad = r;
                        break;
                    }
                }
                if (bad < 0) return null;
                if (bad == c && c - 1 >= b && !isStrNum(stack[c - 1])) bad = c - 1;
                return typeError(p, pc, stack[bad], bad, "concatenate");
            }
            case Lua.OP_LT:
            case Lua.OP_LE: {
                int b = B(i), c = C(i);
                LuaValue vb = isK(b) ? p.k[b & 0xff] : stack[b];
                LuaValue vc = isK(c) ? p.k[c & 0xff] : stack[c];
                String t1 = vb.typename(), t2 = vc.typename();
                if (t1.equals(t2)) return "attempt to compare two " + t1 + " values";
                return "attempt to compare " + t1 + " with " + t2;
            }
            default:
                return null;
        }
    }

    private static String keyError(Prototype p, LuaValue[] stack, int b) {
        LuaValue k = isK(b) ? p.k[b & 0xff] : stack[b];
        if (k == null || k.isnil()) return "table index is nil";
        if (k.type() == LuaValue.TNUMBER && Double.isNaN(k.todouble())) return "table index is NaN";
        return null;
    }

    private static boolean isStrNum(LuaValue v) {
        return v != null && (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER);
    }

    private static String plain(String what, LuaValue v) {
        return "attempt to " + what + " a " + v.typename() + " value";
    }

    private static String typeError(Prototype p, int pc, LuaValue v, int reg, String what) {
        if (v == null) v = LuaValue.NIL;
        String[] kn = objName(p, pc, reg);
        if (kn == null) return plain(what, v);
        return "attempt to " + what + " " + kn[0] + " '" + kn[1] + "' (a " + v.typename() + " value)";
    }

    private static String upvalError(LuaClosure cl, Prototype p, int up, String what) {
        LuaValue v = cl.upValues != null && up < cl.upValues.length && cl.upValues[up] != null
                ? cl.upValues[up].getValue() : LuaValue.NIL;
        String name = upvalName(p, up);
        if ("_ENV".equals(name)) return plain(what, v);
        return "attempt to " + what + " upvalue '" + name + "' (a " + v.typename() + " value)";
    }

    private static String upvalName(Prototype p, int up) {
        if (p.upvalues != null && up < p.upvalues.length && p.upvalues[up] != null && p.upvalues[up].name != null) {
            return p.upvalues[up].name.tojstring();
        }
        return "?";
    }

    private static String kname(Prototype p, int c) {
        if (isK(c)) {
            LuaValue k = p.k[c & 0xff];
            if (k.type() == LuaValue.TSTRING) return k.tojstring();
        }
        return "?";
    }

    /** {kind, name} of the value in register reg at pc, or null. */
    static String[] objName(Prototype p, int lastpc, int reg) {
        LuaString local = p.getlocalname(reg + 1, lastpc);
        if (local != null) return new String[] {"local", local.tojstring()};
        int pc = findSetReg(p, lastpc, reg);
        if (pc < 0) return null;
        int i = p.code[pc];
        switch (i & 0x3f) {
            case Lua.OP_MOVE: {
                int b = B(i);
                if (b < A(i)) return objName(p, pc, b);
                return null;
            }
            case Lua.OP_GETTABUP: {
                String k = kname(p, C(i));
                return "_ENV".equals(upvalName(p, B(i))) ? new String[] {"global", k} : new String[] {"field", k};
            }
            case Lua.OP_GETTABLE:
                return new String[] {"field", kname(p, C(i))};
            case Lua.OP_GETUPVAL:
                return new String[] {"upvalue", upvalName(p, B(i))};
            case Lua.OP_SELF:
                return new String[] {"method", kname(p, C(i))};
            default:
                return null;
        }
    }

    private static boolean setsA(int op) {
        switch (op) {
            case Lua.OP_SETTABUP: case Lua.OP_SETUPVAL: case Lua.OP_SETTABLE: case Lua.OP_JMP:
            case Lua.OP_EQ: case Lua.OP_LT: case Lua.OP_LE: case Lua.OP_TEST: case Lua.OP_RETURN:
            case Lua.OP_SETLIST: case Lua.OP_EXTRAARG: case Lua.OP_TFORCALL: case Lua.OP_TAILCALL:
                return false;
            default:
                return true;
        }
    }

    /** Last instruction before lastpc that set register reg (forward jumps make earlier code conditional). */
    private static int findSetReg(Prototype p, int lastpc, int reg) {
        int setreg = -1;
        int jmptarget = 0;
        for (int pc = 0; pc < lastpc; pc++) {
            int i = p.code[pc];
            int op = i & 0x3f;
            int a = A(i);
            switch (op) {
                case Lua.OP_LOADNIL:
                    if (a <= reg && reg <= a + B(i)) setreg = pc < jmptarget ? -1 : pc;
                    break;
                case Lua.OP_TFORCALL:
                    if (reg >= a + 2) setreg = pc < jmptarget ? -1 : pc;
                    break;
                case Lua.OP_CALL:
                case Lua.OP_TAILCALL:
                    if (reg >= a) setreg = pc < jmptarget ? -1 : pc;
                    break;
                case Lua.OP_JMP: {
                    int dest = pc + 1 + sBx(i);
                    if (pc < dest && dest <= lastpc && dest > jmptarget) jmptarget = dest;
                    break;
                }
                default:
                    if (setsA(op) && reg == a) setreg = pc < jmptarget ? -1 : pc;
                    break;
            }
        }
        return setreg;
    }
}
