package dev.cinnabar.engine.lua.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Varargs;

/**
 * {@code cmsgpack} against Redis 7.0.15: the recorded cases in cmsgpack.expected (script bodies
 * shared with distribution/src/test/resources/scripts/cmsgpack.cases plus cmsgpack.junit.cases,
 * results recorded on a real Redis 7.0.15), plus direct checks whose expected values also come
 * from Redis 7.0.15.
 */
class CmsgpackLibTest {

    @TestFactory
    Stream<DynamicTest> recordedOnRedis() {
        return LuaHarness.recorded("cmsgpack");
    }

    private static String packHex(String args) {
        return LuaHarness.hex(LuaHarness.bytes("return cmsgpack.pack(" + args + ")"));
    }

    @Test
    void integerBoundaries() {
        assertEquals("7f", packHex("127"));
        assertEquals("cc80", packHex("128"));
        assertEquals("cd0100", packHex("256"));
        assertEquals("ce00010000", packHex("65536"));
        assertEquals("cf0000000100000000", packHex("2^32"));
        assertEquals("e0", packHex("-32"));
        assertEquals("d0df", packHex("-33"));
        assertEquals("d3ffffffff7fffffff", packHex("-2^31-1"));
        // 2^63 does not survive the int64 cast, so it is a float (lossless as float 32)
        assertEquals("ca5f000000", packHex("2^63"));
        assertEquals("d38000000000000000", packHex("-2^63"));
    }

    @Test
    void floats() {
        assertEquals("ca3fc00000", packHex("1.5"));
        assertEquals("cb3fb999999999999a", packHex("0.1"));
        assertEquals("ca7f800000", packHex("1/0"));
        assertEquals("00", packHex("-0.0"));
        // Redis's 0/0 is x86's default NaN (sign set): fff8...; LuaJ's 0/0 is Java's NaN, 7ff8...
        assertEquals("cbfff8000000000000", packHex("0/0"));
    }

    @Test
    void strings() {
        assertEquals("bf", packHex("string.rep('a', 31)").substring(0, 2));
        assertEquals("d920", packHex("string.rep('a', 32)").substring(0, 4));
        assertEquals("d9ff", packHex("string.rep('a', 255)").substring(0, 4));
        assertEquals("da0100", packHex("string.rep('a', 256)").substring(0, 6));
        assertEquals("daffff", packHex("string.rep('a', 65535)").substring(0, 6));
        assertEquals("db00010000", packHex("string.rep('a', 65536)").substring(0, 10));
    }

    @Test
    void everyByteRoundTrips() {
        Varargs r = LuaHarness.eval("local s = '' for i = 0, 255 do s = s .. string.char(i) end "
            + "local p = cmsgpack.pack(s) return cmsgpack.unpack(p) == s, #p");
        assertTrue(r.arg1().toboolean());
        assertEquals(259, r.arg(2).toint());
    }

    @Test
    void nestingLimitEncodesNil() {
        assertEquals("91".repeat(16) + "c0", packHex("(function() local t = {} t[1] = t return t end)()"));
    }

    @Test
    void nilMapKeyIsABareError() {
        // Redis 7.0.15 returns the message without a position, even from inside a Lua function
        Varargs r = LuaHarness.eval("return pcall(function() local r = cmsgpack.unpack('\\129\\192\\1') return r end)");
        assertEquals("table index is nil", r.arg(2).tojstring());
    }

    @Test
    void unpackOneWalksTheStream() {
        Varargs r = LuaHarness.eval("local s = cmsgpack.pack(1, 2) return cmsgpack.unpack_one(s, 1)");
        assertEquals(-1, r.arg1().toint());
        assertEquals(2, r.arg(2).toint());
    }
}
