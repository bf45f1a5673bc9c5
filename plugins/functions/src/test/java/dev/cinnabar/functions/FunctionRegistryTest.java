package dev.cinnabar.functions;

import dev.cinnabar.api.command.ClientInfo;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.engine.lua.LuaScriptEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry and the DUMP payload codec on the real Lua engine, without a server. */
class FunctionRegistryTest {

    private static final String MYLIB = "#!lua name=mylib\nredis.register_function('myfunc', function(keys, args) return args[1] end)";

    private final ScriptEngine lua = new LuaScriptEngine();
    private final FunctionRegistry registry = new FunctionRegistry();
    private final CommandContext ctx = new CommandContext() {
        @Override
        public ScriptEngine scriptEngine(String name) {
            return name.equals("lua") ? lua : null;
        }

        @Override
        public Database db() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Database db(int index) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int databaseCount() {
            return 16;
        }

        @Override
        public long now() {
            return System.currentTimeMillis();
        }

        @Override
        public ClientInfo client() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConfigView config() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void swapDatabases(int a, int b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String commandName() {
            return "function|load";
        }
    };

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String loadError(String code) {
        return assertThrows(ScriptException.class, () -> registry.load(ctx, b(code), false)).errorText();
    }

    @Test
    void dumpOfOneLibraryIsRedisBytes() throws Exception {
        assertEquals("mylib", registry.load(ctx, b(MYLIB), false));
        byte[] expected = HexFormat.of().parseHex(("f5 c3 40 56 40 5b"
                + "1f 23 21 6c 75 61 20 6e 61 6d 65 3d 6d 79 6c 69 62 0a 72 65 64 69 73 2e 72 65 67 69 73 74 65 72"
                + "5f 0b 66 75 6e 63 74 69 6f 6e 28 27 6d 79 40 0b 02 27 2c 20 40 06 60 12 11 6b 65 79 73 2c 20 61"
                + "72 67 73 29 20 72 65 74 75 72 6e 60 0c 07 5b 31 5d 20 65 6e 64 29"
                + "0a 00 8d 59 36 ad c6 e7 07 da").replace(" ", ""));
        assertArrayEquals(expected, FunctionDump.dump(registry.current(), true));
        assertArrayEquals(HexFormat.of().parseHex("0a005d9b5c400f7fa2da"), FunctionDump.dump(new Libraries(), true));
    }

    @Test
    void restoreReadsWhatDumpWrote() throws Exception {
        registry.load(ctx, b(MYLIB), false);
        registry.load(ctx, b("#!lua name=two\nredis.register_function{function_name='a', callback=function() end, flags={'no-writes'}, description='d'}"), false);
        for (boolean compress : new boolean[] {true, false}) {
            byte[] dump = FunctionDump.dump(registry.current(), compress);
            FunctionRegistry other = new FunctionRegistry();
            other.restore(FunctionDump.restore(ctx, other, dump), RestorePolicy.APPEND);
            assertArrayEquals(dump, FunctionDump.dump(other.current(), compress));
            assertEquals(2, other.current().libraryCount());
            assertEquals(2, other.current().functionCount());
            LibraryFunction a = other.current().function("A");
            assertEquals("d", a.description());
            assertTrue(a.has(FunctionFlag.NO_WRITES));
        }
    }

    @Test
    void forgedPayloadsAreRefusedWithRedisTexts() throws Exception {
        registry.load(ctx, b(MYLIB), false);
        byte[] before = FunctionDump.dump(registry.current(), true);
        assertRestoreFails("ERR DUMP payload version or checksum are wrong", new byte[9]);
        byte[] corrupt = before.clone();
        corrupt[3] ^= 1;
        assertRestoreFails("ERR DUMP payload version or checksum are wrong", corrupt);
        assertRestoreFails("ERR given type is not a function", dump(new byte[] {(byte) 0xf7}));
        assertRestoreFails("ERR Failed loading library payload", dump(new byte[] {(byte) 0xf5, 0x40}));
        assertRestoreFails("ERR Failed loading library payload", dump(HexFormat.of().parseHex("f5c305106162636465")));
        assertRestoreFails("ERR Missing library metadata", dump(HexFormat.of().parseHex("f5c005")));
        assertRestoreFails("ERR Failed loading engine name", dump(HexFormat.of().parseHex("f6026162")));
        assertRestoreFails("ERR Library 'mylib' already exists", dump(concat(record(MYLIB), record(MYLIB))));
        assertArrayEquals(before, FunctionDump.dump(registry.current(), true));
        // the whole payload is checked before anything merges: APPEND collides, nothing changes
        ScriptException e = assertThrows(ScriptException.class,
                () -> registry.restore(FunctionDump.restore(ctx, registry, dump(record(MYLIB))), RestorePolicy.APPEND));
        assertEquals("ERR Library mylib already exists", e.errorText());
        assertArrayEquals(before, FunctionDump.dump(registry.current(), true));
    }

    private void assertRestoreFails(String text, byte[] payload) {
        assertEquals(text, assertThrows(ScriptException.class, () -> FunctionDump.restore(ctx, registry, payload)).errorText());
    }

    private static byte[] record(String code) {
        return new RdbWriter().type(RdbWriter.OPCODE_FUNCTION2).string(b(code), true).toByteArray();
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    private static byte[] dump(byte[] records) {
        return new RdbWriter().raw(records, 0, records.length).finishDump();
    }

    @Test
    void libraryErrorsAsRedis() throws Exception {
        assertEquals("ERR Missing library metadata", loadError("return 1"));
        assertEquals("ERR Invalid library metadata", loadError("#!lua name=x"));
        assertEquals("ERR Library name was not given", loadError("#!lua\n"));
        assertEquals("ERR Engine 'js' not found", loadError("#!js name=x\n"));
        assertEquals("ERR Invalid metadata value given: a=b", loadError("#!lua name=x a=b\n"));
        assertEquals("ERR No functions registered", loadError("#!lua name=x\nreturn 1"));
        assertEquals("ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'",
                loadError("#!lua name=x\nredis.call('ping')"));
        assertEquals("ERR Error registering functions: ERR user_function:3: Attempt to modify a readonly table",
                loadError("#!lua name=x\n\nx = 1"));
        assertEquals("ERR Error registering functions: ERR Function already exists in the library",
                loadError("#!lua name=x\nredis.register_function('a', function() end) redis.register_function('a', function() end)"));
        assertEquals("ERR Error registering functions: ERR unknown flag given",
                loadError("#!lua name=x\nredis.register_function{function_name='a', callback=function() end, flags={'no-write'}}"));
        registry.load(ctx, b(MYLIB), false);
        assertEquals("ERR Library 'mylib' already exists", loadError(MYLIB));
        assertEquals("ERR Function MyFunc already exists", loadError(MYLIB.replace("mylib", "b").replace("myfunc", "MyFunc")));
        assertEquals(1, registry.current().libraryCount());
    }

    @Test
    void runawayLibraryCodeIsStoppedAfterHalfASecond() {
        long start = System.nanoTime();
        assertEquals("ERR Error registering functions: ERR FUNCTION LOAD timeout",
                loadError("#!lua name=x\nredis.register_function('a', function() end) while true do end"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= FunctionRegistry.LOAD_TIMEOUT_MS, "stopped after " + ms + " ms");
        assertEquals(0, registry.current().libraryCount());
    }

    @Test
    void librariesGoToSnapshotsAndRewritesAndComeBack() throws Exception {
        registry.load(ctx, b(MYLIB), false);
        registry.load(ctx, b("#!lua name=two\nredis.register_function('g', function() return 2 end)"), false);
        FunctionsPersistence persistence = new FunctionsPersistence(registry);
        dev.cinnabar.api.rdb.RdbWriter out = new dev.cinnabar.api.rdb.RdbWriter();
        persistence.save(out);
        byte[] snapshot = out.toByteArray();
        java.util.List<String> rewrite = new java.util.ArrayList<>();
        persistence.rewrite(cmd -> rewrite.add(new String(cmd[0], java.nio.charset.StandardCharsets.ISO_8859_1) + " "
                + new String(cmd[1], java.nio.charset.StandardCharsets.ISO_8859_1) + " "
                + new String(cmd[2], java.nio.charset.StandardCharsets.ISO_8859_1).lines().findFirst().orElse("")));
        assertEquals(java.util.Set.of("FUNCTION LOAD #!lua name=mylib", "FUNCTION LOAD #!lua name=two"), new java.util.HashSet<>(rewrite));

        persistence.clear();
        assertEquals(0, registry.current().all().size());
        dev.cinnabar.api.rdb.RdbReader in = new dev.cinnabar.api.rdb.RdbReader(snapshot, 0, snapshot.length);
        while (in.remaining() > 0) {
            int type = in.type();
            assertTrue(persistence.recordTypes().contains(type));
            persistence.load(ctx, type, in);
        }
        assertEquals(java.util.Set.of("mylib", "two"), registry.current().all().stream().map(Library::name).collect(java.util.stream.Collectors.toSet()));
        // a second copy of a library in one snapshot is refused, the first stays
        dev.cinnabar.api.rdb.RdbReader again = new dev.cinnabar.api.rdb.RdbReader(snapshot, 0, snapshot.length);
        int type = again.type();
        dev.cinnabar.api.rdb.RdbReader.Malformed e = assertThrows(dev.cinnabar.api.rdb.RdbReader.Malformed.class,
                () -> persistence.load(ctx, type, again));
        assertTrue(e.getMessage().startsWith("Failed loading library: ERR Library '"), e.getMessage());
    }
}
