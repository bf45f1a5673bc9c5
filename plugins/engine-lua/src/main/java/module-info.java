/** Lua 5.1 as Redis ships it, on LuaJ: the script engine behind EVAL and FCALL. */
module dev.cinnabar.engine.lua {
    requires dev.cinnabar.api;
    requires org.luaj;
    // luajc's class generation (org.luaj.vm2.luajc needs it at run time) and the poll instrumentation
    requires org.apache.bcel;
    // heap bound (the kernel requires it too, so it is in the boot layer)
    requires java.management;

    // Lua functions compiled at run time live in their own class loaders (unnamed modules) and call the
    // interrupt poll, so its package must be exported.
    exports dev.cinnabar.engine.lua.exec;

    provides dev.cinnabar.api.script.ScriptEngine with dev.cinnabar.engine.lua.LuaScriptEngine;
}
