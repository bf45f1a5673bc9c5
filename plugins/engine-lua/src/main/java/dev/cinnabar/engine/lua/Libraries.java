package dev.cinnabar.engine.lua;

import dev.cinnabar.engine.lua.lib.BitLib;
import dev.cinnabar.engine.lua.lib.CjsonLib;
import dev.cinnabar.engine.lua.lib.CmsgpackLib;
import dev.cinnabar.engine.lua.lib.StructLib;
import org.luaj.vm2.Globals;

/** The libraries Redis bundles with its Lua: cjson, cmsgpack, struct, bit. */
final class Libraries {

    private Libraries() {
    }

    static void install(Globals g) {
        g.rawset("cjson", CjsonLib.create());
        g.rawset("cmsgpack", CmsgpackLib.create());
        g.rawset("struct", StructLib.create());
        g.rawset("bit", BitLib.create());
    }
}
