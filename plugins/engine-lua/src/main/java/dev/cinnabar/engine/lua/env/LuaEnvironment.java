package dev.cinnabar.engine.lua.env;

import java.io.ByteArrayInputStream;
import org.luaj.vm2.CinnabarHooks;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.MathLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The Lua 5.1 environment exactly as Redis 7.0.15 ships it, built on LuaJ: globals, the string,
 * table, math and coroutine libraries with 5.1 contents and semantics, and Redis's global
 * protection. Nothing here reaches Java classes or the file system.
 */
public final class LuaEnvironment {

    private LuaEnvironment() {
    }

    /**
     * A fresh Globals with exactly Redis 7.0.15's base functions and the string, table, math,
     * coroutine libraries (Lua 5.1 contents and semantics); not yet protected.
     */
    public static Globals create() {
        if (MathLib.MATHLIB == null) {
            new JseMathLib(); // makes LuaJ's '^' use Math.pow instead of its approximation
        }
        Globals g = new Globals();
        // source compiler only: no undumper, so binary chunks can never be loaded
        LuaC.install(g);
        g.undumper = null;
        BaseFunctions51.install(g);
        StringLib51.install(g);
        TableLib51.install(g);
        MathLib51.install(g);
        CoroutineLib51.install(g);
        return g;
    }

    /**
     * Compiles source text (never bytecode) with the given chunk name, e.g. {@code "@user_script"};
     * syntax errors as Lua 5.1 words them ({@code user_script:1: unexpected symbol near '+'}).
     * Throws LuaError with that message.
     */
    public static LuaFunction compile(Globals g, byte[] source, String chunkName) {
        if (source.length > 0 && source[0] == 0x1b) {
            // Redis refuses binary chunks; the 5.1 lexer then stops at the ESC character
            throw new LuaError(CinnabarHooks.chunkid(chunkName) + ":1: unexpected symbol near 'char(27)'", 0);
        }
        Prototype p;
        try {
            p = LuaC.instance.compile(new ByteArrayInputStream(source), chunkName);
        } catch (LuaError e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            throw new LuaError(CinnabarHooks.chunkid(chunkName) + ": " + e.getMessage(), 0);
        }
        return new org.luaj.vm2.LuaClosure(p, g);
    }

    /**
     * Makes _G and every table reachable from it (libraries, metatables, the string metatable)
     * read-only with Redis's errors, and installs the nonexistent-global error. Called once, after
     * the caller has added its own globals (redis, cjson, ...).
     */
    public static void protect(Globals g) {
        GlobalsProtection.protect(g);
    }

    /**
     * Sets a global bypassing the protection (the caller sets KEYS and ARGV before each run; their
     * contents stay writable).
     */
    public static void setGlobal(Globals g, String name, LuaValue value) {
        CinnabarHooks.rawsetUnprotected(g, LuaValue.valueOf(name), value);
    }

    /** As {@link #setGlobal(Globals, String, LuaValue)} with the name already a Lua string (set on every run). */
    public static void setGlobal(Globals g, org.luaj.vm2.LuaString name, LuaValue value) {
        CinnabarHooks.rawsetUnprotected(g, name, value);
    }

    /**
     * Installs a DebugLib (for example a subclass with an instruction-count hook) as
     * {@code g.debuglib} without exposing a {@code debug} global. Call before {@link #protect}.
     */
    public static void installDebugLib(Globals g, DebugLib lib) {
        LuaTable pkg = new LuaTable();
        pkg.rawset("loaded", new LuaTable());
        LuaValue savedPackage = g.rawget("package");
        g.rawset("package", pkg);
        try {
            lib.call(LuaValue.valueOf("debug"), g);
        } finally {
            g.rawset("package", savedPackage);
            g.rawset("debug", LuaValue.NIL);
        }
        g.debuglib = lib;
    }

    /** True if the table was made read-only by {@link #protect}. */
    public static boolean isReadOnly(LuaTable t) {
        return CinnabarHooks.isReadOnly(t);
    }
}
