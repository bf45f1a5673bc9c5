package dev.cinnabar.engine.lua.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Runs Lua snippets on a plain LuaJ state with the three libraries installed, and replays the
 * case files whose expectations were recorded on Redis 7.0.15.
 *
 * <p>A recorded case is a script body; the harness runs it as {@code pcall(function() body end)}
 * and serializes every result canonically (numbers as IEEE bits, strings as hex, tables with
 * sorted entries, the "user_script:N:" position of an error message as "@pos: ") with Lua code
 * that is the same on both sides (harness-prelude.lua). Only the number serializer differs: on
 * Redis it is C struct.pack(">d"), here {@link Double#doubleToRawLongBits}.
 */
final class LuaHarness {

    private static final String DIR = "/dev/cinnabar/engine/lua/lib/";

    private LuaHarness() {
    }

    static Globals globals() {
        // the engine's own Lua 5.1 environment (patched LuaJ), as scripts see it
        Globals g = dev.cinnabar.engine.lua.env.LuaEnvironment.create();
        g.set("cmsgpack", CmsgpackLib.create());
        g.set("struct", StructLib.create());
        g.set("bit", BitLib.create());
        g.set("__numbits", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue x) {
                return LuaValue.valueOf(String.format("%016x", Double.doubleToRawLongBits(x.checkdouble())));
            }
        });
        return g;
    }

    /** Runs a chunk and returns all its results. */
    static Varargs eval(String script) {
        return globals().load(script, "@user_script").invoke();
    }

    /** Runs a chunk returning one value, which must be a string: its bytes. */
    static byte[] bytes(String script) {
        LuaValue v = eval(script).arg1();
        LuaString s = (LuaString) v.checkstring();
        byte[] out = new byte[s.m_length];
        s.copyInto(0, out, 0, out.length);
        return out;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    /** The canonical serialization of {@code pcall(function() body end)}. */
    static String canonical(String body) {
        String script = resource("harness-prelude.lua").replace("__NUMBITS__", "__numbits")
            + body + resource("harness-epilogue.lua");
        return eval(script).arg1().tojstring();
    }

    static String resource(String name) {
        try (InputStream in = LuaHarness.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One dynamic test per recorded case of {@code <lib>.expected}. */
    static Stream<DynamicTest> recorded(String lib) {
        String text = resource(lib + ".expected");
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (String block : text.split("\n----\n")) {
            if (block.isBlank()) {
                continue;
            }
            int arrow = block.lastIndexOf("\n==> ");
            String body = block.substring(0, arrow);
            String expected = block.substring(arrow + 5);
            String title = String.format("%03d %s", ++n, body.replace('\n', ' '));
            if (title.length() > 100) {
                title = title.substring(0, 100) + "...";
            }
            tests.add(DynamicTest.dynamicTest(title, () -> assertEquals(expected, canonical(body), body)));
        }
        return tests.stream();
    }
}
