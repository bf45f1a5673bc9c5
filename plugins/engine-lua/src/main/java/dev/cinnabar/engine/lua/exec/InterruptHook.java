package dev.cinnabar.engine.lua.exec;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.DebugLib;

/**
 * Installed as {@code globals.debuglib} (never as a {@code debug} global), so that LuaJ's interpreter calls it on
 * every instruction and every call and return: the interpreter's side of {@link LuaInterrupts}. It keeps none of
 * DebugLib's call stacks, so {@code debug.getinfo}, {@code debug.traceback} and hooks, if a {@code debug} table
 * was built from LuaJ's DebugLib, see no frames.
 *
 * <p>LuaJ appends {@code "\n" + traceback(level)} to every error message when a debuglib is installed and no
 * message handler is set; {@link ExecutionControl} therefore sets {@link ErrorPositions#PLAIN} as the message
 * handler of every Lua thread it runs, which keeps messages as without a debuglib.
 */
final class InterruptHook extends DebugLib {

    @Override
    public void onCall(LuaFunction f) {
        LuaInterrupts.enterInterpreted(null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        LuaInterrupts.enterInterpreted(c);
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (--LuaInterrupts.budget < 0) {
            LuaInterrupts.slowPoll(pc);
        }
    }

    @Override
    public void onReturn() {
        LuaInterrupts.leaveInterpreted();
    }

    @Override
    public String traceback(int level) {
        return "";
    }
}
