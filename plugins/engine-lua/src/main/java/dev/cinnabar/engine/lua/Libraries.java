package dev.cinnabar.engine.lua;

import org.luaj.vm2.Globals;

/** The libraries Redis bundles with its Lua: cjson, cmsgpack, struct, bit. */
final class Libraries {

    private Libraries() {
    }

    static void install(Globals g) {
    }
}
