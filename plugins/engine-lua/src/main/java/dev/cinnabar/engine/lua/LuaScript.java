package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptRun;
import dev.cinnabar.engine.lua.exec.ScriptAbort;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;


/** A compiled script body: runs with fresh {@code KEYS}/{@code ARGV} and converts its result or error. */
final class LuaScript implements CompiledScript {

    private final LuaVm vm;
    private final LuaFunction function;

    LuaScript(LuaVm vm, LuaFunction function) {
        this.vm = vm;
        this.function = function;
    }

    @Override
    public void run(ScriptRun run) {
        vm.run(run, function);
    }

    /** Formats an error that ended a run as Redis's {@code luaCallFunction} does. */
    static String errorReply(LuaError e, String name) {
        LuaValue v = LuaErrors.value(e);
        String msg;
        boolean fromTable = v.istable();
        if (fromTable) {
            LuaValue err = v.rawget(RedisErrors.ERR);
            msg = err.isstring() ? RedisErrors.cString(Bytes.text(err.tostring())) : "ERR unknown error";
        } else {
            msg = "ERR " + (v.isnil() ? "nil" : RedisErrors.cString(Bytes.text(v.tostring())));
        }
        String position = LuaErrors.position(e);
        int colon = position == null ? -1 : position.lastIndexOf(':');
        if (colon < 0) {
            return msg;
        }
        return msg + " script: " + name + ", on " + position.substring(0, colon) + ":" + position.substring(colon + 1) + ".";
    }

    /** A run ended by the kill signal or a resource bound: the text, then where the script was. */
    static String abortReply(ScriptAbort a, String name) {
        String msg = a.reason() == ScriptAbort.Reason.KILLED ? a.getMessage() : "ERR " + chunkid(a.luaMessage());
        if (a.source() == null || a.line() < 0) {
            return msg;
        }
        String source = a.source().startsWith("@") ? a.source() : "@" + a.source();
        return msg + " script: " + name + ", on " + source + ":" + a.line() + ".";
    }

    private static String chunkid(String message) {
        return message.startsWith("@") ? message.substring(1) : message;
    }

    static boolean innerCommandError(LuaError e) {
        LuaValue v = LuaErrors.value(e);
        return v.istable() && v.rawget(RedisErrors.IGNORE_STATS).toboolean();
    }
}
