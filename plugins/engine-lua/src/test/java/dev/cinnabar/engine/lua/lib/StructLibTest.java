package dev.cinnabar.engine.lua.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Varargs;

/**
 * {@code struct} against Redis 7.0.15: the recorded cases in struct.expected (script bodies shared
 * with distribution/src/test/resources/scripts/struct.cases, results recorded on a real Redis
 * 7.0.15), plus direct checks whose expected values also come from Redis 7.0.15.
 */
class StructLibTest {

    @TestFactory
    Stream<DynamicTest> recordedOnRedis() {
        return LuaHarness.recorded("struct");
    }

    @Test
    void packBigEndianShort() {
        assertArrayEquals(new byte[] {1, 2}, LuaHarness.bytes("return struct.pack('>I2', 258)"));
    }

    @Test
    void unpackReturnsValuesThenNextPosition() {
        Varargs r = LuaHarness.eval("return struct.unpack('>I2 b c2', '\\1\\2\\255xy')");
        assertEquals(258, r.arg(1).toint());
        assertEquals(-1, r.arg(2).toint());
        assertEquals("xy", r.arg(3).tojstring());
        assertEquals(6, r.arg(4).toint());
        assertEquals(4, r.narg());
    }

    @Test
    void outOfRangeNumbersConvertLikeX8664() {
        // Redis 7.0.15: struct.pack(">I8", 1e30) is all zeros, struct.pack(">i8", -1e30) 0x80 then zeros
        assertEquals("0000000000000000", LuaHarness.hex(LuaHarness.bytes("return struct.pack('>I8', 1e30)")));
        assertEquals("8000000000000000", LuaHarness.hex(LuaHarness.bytes("return struct.pack('>i8', -1e30)")));
        assertEquals("8000000000000000", LuaHarness.hex(LuaHarness.bytes("return struct.pack('>I8', 0/0)")));
    }

    @Test
    void errorsAreLuaErrors() {
        Varargs r = LuaHarness.eval("return pcall(struct.unpack, 's', 'abc')");
        assertEquals(false, r.arg1().toboolean());
        assertEquals("unfinished string in data", r.arg(2).tojstring());
    }
}
