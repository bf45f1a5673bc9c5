package dev.cinnabar.engine.lua.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/** The entry points of {@link LuaEnvironment}; expected values taken from Redis 7.0.15. */
class LuaEnvironmentTest {

    static Globals env(boolean debug) {
        Globals g = LuaEnvironment.create();
        if (debug) LuaEnvironment.installDebugLib(g, new DebugLib());
        LuaEnvironment.protect(g);
        return g;
    }

    static Varargs run(Globals g, String src) {
        LuaFunction f = LuaEnvironment.compile(g, src.getBytes(StandardCharsets.UTF_8), "@user_script");
        return f.invoke(LuaValue.NONE).eval();
    }

    static String err(Globals g, String src) {
        LuaError e = assertThrows(LuaError.class, () -> run(g, src));
        return e.getMessageObject().tojstring();
    }

    @Test
    void globalsAreExactlyRedis() {
        Globals g = LuaEnvironment.create();
        List<String> names = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = g.next(k);
            k = n.arg1();
            if (k.isnil()) break;
            names.add(k.tojstring());
        }
        Collections.sort(names);
        // Redis 7.0.15 minus the globals others add (ARGV KEYS __redis__err__handler bit cjson cmsgpack redis struct)
        assertEquals(List.of("_G", "_VERSION", "assert", "collectgarbage", "coroutine", "error", "gcinfo", "getmetatable",
                "ipairs", "load", "loadstring", "math", "next", "pairs", "pcall", "rawequal", "rawget", "rawset", "select",
                "setmetatable", "string", "table", "tonumber", "tostring", "type", "unpack", "xpcall"), names);
    }

    @ParameterizedTest(name = "debuglib={0}")
    @ValueSource(booleans = {false, true})
    void numbersPrintAs51(boolean debug) {
        Globals g = env(debug);
        assertEquals("1e+15 0.1 0.33333333333333 9.007199254741e+15 inf -inf -nan 100",
                run(g, "return tostring(1e15)..' '..tostring(0.1)..' '..tostring(1/3)..' '..tostring(2^53)"
                        + "..' '..tostring(1/0)..' '..tostring(-1/0)..' '..tostring(0/0)..' '..100").arg1().tojstring());
    }

    @ParameterizedTest(name = "debuglib={0}")
    @ValueSource(booleans = {false, true})
    void errorsWordedAs51(boolean debug) {
        Globals g = env(debug);
        assertEquals("user_script:1: attempt to index local 'x' (a nil value)", err(g, "local x=nil; return x.y"));
        assertEquals("user_script:1: attempt to call field 'nope' (a nil value)", err(g, "string.nope()"));
        assertEquals("user_script:1: attempt to call method 'nope' (a nil value)", err(g, "local s = 'x' s:nope()"));
        assertEquals("user_script:1: attempt to perform arithmetic on upvalue 'u' (a nil value)",
                err(g, "local u local function f() return u + 1 end return f()"));
        assertEquals("user_script:1: attempt to concatenate local 'x' (a table value)", err(g, "local x = {} return 'a' .. x"));
        assertEquals("user_script:1: bad argument #1 to 'insert' (table expected, got nil)", err(g, "table.insert(nil, 1)"));
        assertEquals("user_script:1: attempt to compare number with nil", err(g, "return 1 < nil"));
        assertEquals("user_script:1: unexpected symbol near '+'",
                assertThrows(LuaError.class, () -> LuaEnvironment.compile(g, "return + +".getBytes(), "@user_script"))
                        .getMessage());
    }

    @ParameterizedTest(name = "debuglib={0}")
    @ValueSource(booleans = {false, true})
    void protection(boolean debug) {
        Globals g = env(debug);
        assertEquals("user_script:1: Attempt to modify a readonly table", err(g, "a = 10"));
        assertEquals("Attempt to modify a readonly table", err(g, "rawset(_G, 'a', 1)"));
        assertEquals("user_script:1: Script attempted to access nonexistent global variable 'a'", err(g, "return a"));
        assertEquals("user_script:1: Attempt to modify a readonly table", err(g, "getmetatable('').__index = {}"));
        assertTrue(run(g, "return rawget(_G, 'x')").arg1().isnil());
        assertTrue(LuaEnvironment.isReadOnly((LuaTable) g.get("math")));
        // KEYS/ARGV set by the caller stay writable
        LuaTable keys = new LuaTable();
        keys.rawset(1, LuaValue.valueOf("k"));
        LuaEnvironment.setGlobal(g, "KEYS", keys);
        assertEquals("x2", run(g, "KEYS[1] = 'x' table.insert(KEYS, 'y') return KEYS[1] .. #KEYS").arg1().tojstring());
        assertEquals("user_script:1: Attempt to modify a readonly table", err(g, "KEYS = {}"));
        // new tables are unrestricted
        assertEquals(1, run(g, "local t = {} t.x = 1 setmetatable(t, {}) return t.x").arg1().toint());
    }

    @Test
    void randomIsRedisDrand48() {
        Drand48.reset();
        Globals g = env(false);
        assertEquals("0.39646477363839", run(g, "return tostring(math.random())").arg1().tojstring());
        assertEquals("0.84048536971234", run(env(false), "return tostring(math.random())").arg1().tojstring());
        assertEquals("0.041630344484761", run(g, "math.randomseed(1) return tostring(math.random())").arg1().tojstring());
    }

    @Test
    void boundedStrings() {
        Globals g = env(false);
        assertEquals("not enough memory", err(g, "return string.rep('x', 2^31 - 1)"));
        assertEquals("not enough memory", err(g, "return string.rep('abcd', 2^28)"));
        assertEquals(0, run(g, "return #string.rep('x', 2^31)").arg1().toint()); // (int) 2^31 < 0, as in Redis
        assertEquals("user_script:1: invalid format (width or precision too long)", err(g, "return string.format('%100d', 1)"));
        assertEquals("not enough memory",
                err(g, "local t = {} for i = 1, 600 do t[i] = string.rep('x', 2^20) end return table.concat(t)"));
        assertEquals("not enough memory", err(g, "local s = string.rep('x', 2^20) while true do s = s .. s end"));
        assertEquals("not enough memory",
                err(g, "local s = string.rep('x', 2^28) return s .. s .. s"));
    }

    @Test
    void binaryChunksRefused() {
        Globals g = env(false);
        Varargs r = run(g, "return loadstring(string.dump(function() return 1 end))");
        assertTrue(r.arg1().isnil());
        assertEquals("[string \"\u001bLuaQ\"]:1: unexpected symbol near 'char(27)'", r.arg(2).tojstring());
        assertThrows(LuaError.class, () -> LuaEnvironment.compile(g, new byte[] {0x1b, 'L', 'u', 'a'}, "@user_script"));
        assertFalse(run(g, "return pcall(load, 'x')").arg1().toboolean());
    }
}
