package dev.cinnabar.engine.lua.lib;

import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

/**
 * {@code cjson.null}: in Redis a light userdata holding NULL, so {@code type()} says "userdata"
 * and {@code tostring()} says "userdata: (nil)". Each module table family ({@link CjsonLib#create()}
 * and the tables its {@code new()} makes) gets its own instance, so a VM cannot reach another VM's
 * object; as with C's NULL pointer, any of them encodes as JSON null.
 */
final class CjsonNull {

    /** What the userdata holds; its text is what Redis prints for a NULL light userdata. */
    private static final Object MARKER = new Object() {
        @Override
        public String toString() {
            return "userdata: (nil)";
        }
    };

    private CjsonNull() {
    }

    static LuaUserdata create() {
        return new LuaUserdata(MARKER);
    }

    static boolean isNull(LuaValue v) {
        return v instanceof LuaUserdata u && u.m_instance == MARKER;
    }
}
