package dev.cinnabar.engine.lua;

import dev.cinnabar.engine.lua.exec.LuaCompiler;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Prototype;

/**
 * Which scripts run as compiled Java code and which on LuaJ's interpreter. Compiled code runs
 * loops about three times faster, but words some errors as LuaJ does rather than as Lua 5.1 (no
 * variable names in {@code attempt to index local 'x'}, no function name in argument errors, no
 * position for errors raised by tail calls). Straight-line scripts gain nothing from compiling, so
 * by default only scripts with a loop are compiled: the ones where the speed is. Set with
 * {@code -Dcinnabar.lua.compile=loops|always|never}.
 */
enum CompilePolicy {
    LOOPS, ALWAYS, NEVER;

    static final CompilePolicy CONFIGURED = parse(System.getProperty("cinnabar.lua.compile", "loops"));

    private static CompilePolicy parse(String s) {
        return switch (s) {
            case "always", "true" -> ALWAYS;
            case "never", "false" -> NEVER;
            default -> LOOPS;
        };
    }

    /** The runnable function of a compiled chunk under this policy. */
    LuaFunction load(Prototype p, Globals globals) {
        boolean compile = this == ALWAYS || (this == LOOPS && hasLoop(p));
        return compile ? LuaCompiler.load(p, globals) : LuaCompiler.interpret(p, globals);
    }

    /** A numeric or generic {@code for}, or a backward jump ({@code while}, {@code repeat}), anywhere in the chunk. */
    static boolean hasLoop(Prototype p) {
        for (int i : p.code) {
            int op = Lua.GET_OPCODE(i);
            if (op == Lua.OP_FORLOOP || op == Lua.OP_TFORLOOP || (op == Lua.OP_JMP && Lua.GETARG_sBx(i) < 0)) {
                return true;
            }
        }
        if (p.p != null) {
            for (Prototype child : p.p) {
                if (hasLoop(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
