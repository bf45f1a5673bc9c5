/** Lua 5.1 as Redis ships it, on LuaJ: the script engine behind EVAL and FCALL. */
module dev.cinnabar.engine.lua {
    requires dev.cinnabar.api;
    requires org.luaj;

    provides dev.cinnabar.api.script.ScriptEngine with dev.cinnabar.engine.lua.LuaScriptEngine;
}
