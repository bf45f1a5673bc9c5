package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptRun;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.util.List;

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
        vm.run(run, () -> {
            vm.setGlobal("KEYS", array(run.keys()));
            vm.setGlobal("ARGV", array(run.args()));
            return function.call();
        });
    }

    private static LuaTable array(List<byte[]> items) {
        LuaTable t = new LuaTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, org.luaj.vm2.LuaString.valueOf(items.get(i)));
        }
        return t;
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

    static boolean innerCommandError(LuaError e) {
        LuaValue v = LuaErrors.value(e);
        return v.istable() && v.rawget(RedisErrors.IGNORE_STATS).toboolean();
    }
}
