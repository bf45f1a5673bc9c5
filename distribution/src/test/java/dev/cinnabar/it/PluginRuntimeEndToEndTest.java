package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Module;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Plugins as a user handles them, on a copy of the built distribution: the example third-party
 * plugin ({@code examples/cl-throttle}) dropped into {@code plugins/} as its zip, then removed;
 * and {@code PLUGIN LOAD/UNLOAD}, {@code MODULE LOAD/UNLOAD} at run time, with what must refuse an
 * unload, what an unload must let go of (the plugin's class loader is collected), and clients
 * that keep sending commands meanwhile.
 */
class PluginRuntimeEndToEndTest {

    private static final String UNKNOWN_THROTTLE = "ERR unknown command 'CL.THROTTLE', with args beginning with: 'user:1' '3' '15' '60' ";

    private static Path home;
    private static Path exampleZip;
    private static ServerProcess server;

    /** An installed copy of the distribution whose plugins/ the tests may change. */
    private static Path install() throws IOException {
        Path dir = Files.createTempDirectory("cinnabar-install-");
        ServerProcess.copyTree(ServerProcess.distribution(), dir);
        return dir;
    }

    @BeforeAll
    static void start() throws IOException {
        exampleZip = Path.of(System.getProperty("cinnabar.example.plugins")).resolve("cl-throttle-1.0.0-plugin.zip");
        assertTrue(Files.isRegularFile(exampleZip), exampleZip + " is built by examples/cl-throttle");
        home = install();
        server = ServerProcess.cinnabarFrom(home, "-XX:+UseSerialGC");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Jedis connect(ServerProcess s) {
        return new Jedis("127.0.0.1", s.port(), 30_000);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> throttle(Jedis j, String... args) {
        return (List<Long>) j.sendCommand(() -> "CL.THROTTLE".getBytes(StandardCharsets.US_ASCII), args);
    }

    private static Object plugin(Jedis j, String... args) {
        Object r = j.sendCommand(() -> "PLUGIN".getBytes(StandardCharsets.US_ASCII), args);
        return r instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : r;
    }

    private static String error(Runnable r) {
        return assertThrows(JedisDataException.class, r::run).getMessage();
    }

    @SuppressWarnings("unchecked")
    private static List<String> leaks(Jedis j) {
        return ((List<Object>) plugin(j, "LEAKS")).stream().map(o -> new String((byte[]) o, StandardCharsets.UTF_8)).toList();
    }

    /** PLUGIN LEAKS until {@code id} is no longer listed, for up to 10 s; whether it left. */
    private static boolean collected(Jedis j, String id, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (!leaks(j).contains(id)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Test
    void exampleZipInPluginsServesClThrottleUntilRemoved() throws IOException {
        Path own = install();
        Path dropped = own.resolve("plugins").resolve(exampleZip.getFileName());
        Files.copy(exampleZip, dropped);
        try (ServerProcess s = ServerProcess.cinnabarFrom(own, "-XX:+UseSerialGC"); Jedis j = connect(s)) {
            assertEquals(List.of(0L, 4L, 3L, -1L, 4L), throttle(j, "user:1", "3", "15", "60"));
            assertEquals(List.of(0L, 4L, 2L, -1L, 8L), throttle(j, "user:1", "3", "15", "60"));
            assertEquals(List.of(0L, 4L, 1L, -1L, 12L), throttle(j, "user:1", "3", "15", "60"));
            assertEquals(List.of(0L, 4L, 0L, -1L, 16L), throttle(j, "user:1", "3", "15", "60"));
            List<Long> limited = throttle(j, "user:1", "3", "15", "60");
            assertEquals(List.of(1L, 4L, 0L), limited.subList(0, 3), limited.toString());
            assertTrue(limited.get(3) >= 3 && limited.get(3) <= 4, limited.toString());
            assertTrue(Long.parseLong(j.get("user:1")) > 0, "the state is a plain string key");
            assertTrue(j.pttl("user:1") > 15_000, "with an expiry");
            assertEquals("Cell error: Usage: cl.throttle <key> <max_burst> <count per period> <period> [<quantity>]",
                    error(() -> throttle(j, "user:1")));
            assertEquals("Cell error: Zero rates are not supported", error(() -> throttle(j, "k", "1", "0", "1")));
            boolean listed = false;
            for (Module m : j.moduleList()) {
                listed |= m.getName().equals("cl-throttle") && m.getVersion() == 10000;
            }
            assertTrue(listed, "MODULE LIST shows it");
            assertTrue(s.log().contains("Plugin 'cl-throttle' 1.0.0 loaded"), s.log());
        }
        Files.delete(dropped);
        try (ServerProcess s = ServerProcess.cinnabarFrom(own, "-XX:+UseSerialGC"); Jedis j = connect(s)) {
            assertEquals(UNKNOWN_THROTTLE, error(() -> throttle(j, "user:1", "3", "15", "60")));
            assertEquals("PONG", j.ping());
        }
    }

    @Test
    void pluginLoadAndUnloadAtRunTime() {
        try (Jedis j = connect(server)) {
            assertEquals("cl-throttle", plugin(j, "LOAD", exampleZip.toString()));
            assertEquals(List.of(0L, 4L, 3L, -1L, 4L), throttle(j, "rt:1", "3", "15", "60"));
            assertTrue(error(() -> plugin(j, "LOAD", exampleZip.toString())).startsWith("ERR Error loading plugin: "),
                    "loaded twice");
            assertEquals(List.of(0L, 4L, 2L, -1L, 8L), throttle(j, "rt:1", "3", "15", "60"), "still served once");
            assertEquals("OK", plugin(j, "UNLOAD", "cl-throttle"));
            assertEquals("ERR unknown command 'CL.THROTTLE', with args beginning with: 'rt:1' '3' '15' '60' ",
                    error(() -> throttle(j, "rt:1", "3", "15", "60")));
            assertEquals("ERR Error unloading plugin: no such plugin with that name", error(() -> plugin(j, "UNLOAD", "cl-throttle")));
            assertEquals("ERR Error loading plugin: no plugin at /nonexistent/plugin.zip",
                    error(() -> plugin(j, "LOAD", "/nonexistent/plugin.zip")));
            assertTrue(j.get("rt:1") != null, "its keys stay: they are plain strings");
        }
    }

    @Test
    void aPluginForAnotherApiIsRefusedNamingBothVersions() {
        Path future = Path.of(System.getProperty("cinnabar.test.plugins")).resolve("fixture-future");
        try (Jedis j = connect(server)) {
            String e = error(() -> plugin(j, "LOAD", future.toString()));
            assertTrue(e.matches("ERR Error loading plugin: Plugin 'fixture-future' requires Cinnabar API 2\\.0\\.0, "
                    + "but this server provides API 1\\.\\d+\\.\\d+"), e);
            assertEquals("ERR unknown command 'FIXF.PING', with args beginning with: ",
                    error(() -> j.sendCommand(() -> "FIXF.PING".getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Test
    void moduleLoadAndUnloadTakePluginsAndAnswerLikeRedisOtherwise() {
        try (Jedis j = connect(server)) {
            assertEquals("OK", j.moduleLoad(exampleZip.toString()));
            assertEquals(0L, throttle(j, "mod:1", "1", "1", "1").get(0));
            assertEquals("OK", j.moduleUnload("cl-throttle"));
            assertEquals("ERR Error loading the extension. Please check the server logs.",
                    error(() -> j.moduleLoad("/nonexistent/module.so")));
            assertEquals("ERR Error loading the extension. Please check the server logs.",
                    error(() -> j.moduleLoad(exampleZip.toString(), "an-argument")));
            assertEquals("ERR Error unloading module: no such module with that name", error(() -> j.moduleUnload("cl-throttle")));
        }
    }

    @Test
    void aQueuedCommandOfAnUnloadedPluginAnswersUnknownCommandAtExec() {
        try (Jedis admin = connect(server); RawConnection c = server.connect()) {
            assertEquals("cl-throttle", plugin(admin, "LOAD", exampleZip.toString()));
            assertEquals("+OK\r\n", new String(c.call("MULTI"), StandardCharsets.UTF_8));
            assertEquals("+QUEUED\r\n", new String(c.call("CL.THROTTLE q 1 1 1"), StandardCharsets.UTF_8));
            assertEquals("+QUEUED\r\n", new String(c.call("PING"), StandardCharsets.UTF_8));
            assertEquals("OK", plugin(admin, "UNLOAD", "cl-throttle"));
            assertEquals("*2\r\n-ERR unknown command 'CL.THROTTLE', with args beginning with: 'q' '1' '1' '1' \r\n+PONG\r\n",
                    new String(c.call("EXEC"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void unloadedPluginsClassLoaderIsCollected() throws InterruptedException {
        try (Jedis j = connect(server); Jedis idle = connect(server)) {
            assertEquals("cl-throttle", plugin(j, "LOAD", exampleZip.toString()));
            // a client whose last command was the plugin's stays connected through the unload
            assertEquals(0L, throttle(idle, "gc:1", "1", "1", "1").get(0));
            assertEquals("OK", plugin(j, "UNLOAD", "cl-throttle"));
            assertTrue(collected(j, "cl-throttle", 10_000), "cl-throttle's class loader still reachable: " + leaks(j));
        }
    }

    @Test
    void aPluginThatLeavesAThreadLocalOnTheExecutorIsNeverCollected() throws InterruptedException {
        // the negative twin of the test above: the same check must see a real leak
        Path leaky = Path.of(System.getProperty("cinnabar.test.plugins")).resolve("fixture-leaky");
        try (Jedis j = connect(server)) {
            assertEquals("fixture-leaky", plugin(j, "LOAD", leaky.toString()));
            assertEquals("OK", new String((byte[]) j.sendCommand(() -> "FIXL.LEAK".getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.UTF_8));
            assertEquals("OK", plugin(j, "UNLOAD", "fixture-leaky"));
            assertTrue(!collected(j, "fixture-leaky", 3_000), "a ThreadLocal on the executor pins the layer");
            assertTrue(leaks(j).contains("fixture-leaky"));
        }
    }

    @Test
    void anEngineThatFunctionLibrariesUseCannotBeUnloadedAndOnceUnusedGoesEntirely() throws InterruptedException {
        try (Jedis j = connect(server)) {
            j.functionLoad("#!lua name=rtlib\nredis.register_function('rtf', function() return redis.call('incr', 'rt:n') end)");
            assertEquals(1L, j.fcall("rtf", List.of(), List.of()));
            assertEquals("PONG", j.eval("return redis.call('ping')"));
            assertEquals("ERR Error unloading plugin: script engine 'lua' is in use: function libraries use it (rtlib); delete them first",
                    error(() -> plugin(j, "UNLOAD", "engine-lua")));
            assertEquals(2L, j.fcall("rtf", List.of(), List.of()), "nothing changed");
            assertEquals("OK", j.functionDelete("rtlib"));
            assertEquals("OK", plugin(j, "UNLOAD", "engine-lua"));
            assertEquals("ERR No script engine 'lua' is loaded", error(() -> j.eval("return 1")));
            // the script cache, the function VM, FCALL's last lookup and the kernel's redis.call
            // sink all held engine objects once: none may keep the engine's layer
            assertTrue(collected(j, "engine-lua", 10_000), "engine-lua's class loader still reachable: " + leaks(j));
            assertEquals("engine-lua", plugin(j, "LOAD", home.resolve("plugins/engine-lua").toString()));
            assertEquals(1L, j.eval("return 1"), "the cached script was dropped with the engine and compiles again");
            assertEquals("PONG", j.eval("return redis.call('ping')"));
        }
    }

    @Test
    void unloadIsRefusedWhileKeysHoldThePluginsValuesOrClientsWaitInItsCommands() throws Exception {
        try (Jedis j = connect(server); Jedis blocked = connect(server)) {
            j.hset("rt:hash", "f", "v");
            assertEquals("ERR Error unloading plugin: keys hold values of the plugin's types (0:rt:hash); delete them first",
                    error(() -> plugin(j, "UNLOAD", "commands-hashes")));
            assertEquals("v", j.hget("rt:hash", "f"), "nothing changed");
            j.del("rt:hash");
            assertEquals("OK", plugin(j, "UNLOAD", "commands-hashes"));
            assertEquals("ERR unknown command 'HSET', with args beginning with: 'rt:hash' 'f' 'v' ",
                    error(() -> j.hset("rt:hash", "f", "v")));
            assertEquals("commands-hashes", plugin(j, "LOAD", home.resolve("plugins/commands-hashes").toString()));
            assertEquals(1L, j.hset("rt:hash", "f", "v"));
            j.del("rt:hash");

            Thread waiter = new Thread(() -> blocked.blpop(0, "rt:list"));
            waiter.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!j.info("clients").contains("blocked_clients:1") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("ERR Error unloading plugin: the plugin has blocked clients. Please wait them unblocked and try again",
                    error(() -> plugin(j, "UNLOAD", "commands-lists")));
            j.lpush("rt:list", "x");
            waiter.join(10_000);
            assertEquals("OK", plugin(j, "UNLOAD", "commands-lists"));
            assertEquals("commands-lists", plugin(j, "LOAD", home.resolve("plugins/commands-lists").toString()));
        }
    }

    private static long cachedScripts(Jedis j) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("number_of_cached_scripts:(\\d+)").matcher(j.info("memory"));
        assertTrue(m.find(), "INFO memory has number_of_cached_scripts (the kernel's default when no plugin sets it)");
        return Long.parseLong(m.group(1));
    }

    @Test
    void unloadTakesThePluginsInfoFieldsAndCachedScriptsAway() {
        try (Jedis j = connect(server)) {
            assertEquals(3L, j.eval("return 3"));
            assertTrue(cachedScripts(j) >= 1);
            assertEquals("OK", plugin(j, "UNLOAD", "scripting"));
            assertEquals(0L, cachedScripts(j), "the scripting plugin's INFO contribution left with it");
            assertEquals("ERR unknown command 'EVAL', with args beginning with: 'return 1' '0' ", error(() -> j.eval("return 1")));
            assertEquals("scripting", plugin(j, "LOAD", home.resolve("plugins/scripting").toString()));
            assertEquals(0L, cachedScripts(j), "a new, empty script cache");
            assertEquals(1L, j.eval("return 1"));
            assertEquals(1L, cachedScripts(j));
        }
    }

    @Test
    void loadAndUnloadWhileOtherClientsHammerCommands() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong strings = new AtomicLong();
        AtomicLong throttles = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String key = "hammer:" + t;
            threads.add(new Thread(() -> {
                try (Jedis h = connect(server)) {
                    h.del(key);
                    long n = 0;
                    while (!stop.get()) {
                        long got = h.incr(key);
                        if (got != ++n) {
                            failures.add("INCR " + key + " gave " + got + ", expected " + n);
                        }
                        String v = "v" + n;
                        if (!"OK".equals(h.set(key + ":s", v)) || !v.equals(h.get(key + ":s"))) {
                            failures.add("SET/GET " + key + " misrouted");
                        }
                        strings.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failures.add("strings client: " + e);
                }
            }));
        }
        threads.add(new Thread(() -> {
            try (Jedis h = connect(server)) {
                while (!stop.get()) {
                    try {
                        List<Long> r = throttle(h, "hammer:t", "1000000", "1000000", "1");
                        if (r.size() != 5 || r.get(1) != 1_000_001L) {
                            failures.add("CL.THROTTLE answered " + r);
                        }
                    } catch (JedisDataException e) {
                        if (!e.getMessage().equals("ERR unknown command 'CL.THROTTLE', with args beginning with: "
                                + "'hammer:t' '1000000' '1000000' '1' ")) {
                            failures.add("CL.THROTTLE failed: " + e.getMessage());
                        }
                    }
                    throttles.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failures.add("throttle client: " + e);
            }
        }));
        threads.forEach(Thread::start);
        try (Jedis admin = connect(server)) {
            for (int i = 0; i < 15; i++) {
                assertEquals("cl-throttle", plugin(admin, "LOAD", exampleZip.toString()));
                Thread.sleep(20);
                assertEquals("OK", plugin(admin, "UNLOAD", "cl-throttle"));
                Thread.sleep(20);
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        assertEquals(List.of(), List.copyOf(failures));
        assertTrue(strings.get() > 100 && throttles.get() > 100, strings + " string rounds, " + throttles + " throttle calls");
    }
}
