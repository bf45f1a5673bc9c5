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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin host end to end: Cinnabar from the distribution's bin/ and lib/, with a plugins
 * directory holding the real plugins plus the fixtures of {@code plugins/test-fixtures}: two
 * plugins using two versions of one library side by side, and four that must be refused (API
 * 2.0.0, a family that throws in register, a class in the unnamed package, a split package).
 */
class PluginHostEndToEndTest {

    private static ServerProcess cinnabar;
    private static Path pluginsDir;

    @BeforeAll
    static void start() throws IOException {
        pluginsDir = Files.createTempDirectory("cinnabar-test-plugins-");
        ServerProcess.copyTree(ServerProcess.distribution().resolve("plugins"), pluginsDir);
        ServerProcess.copyTree(Path.of(System.getProperty("cinnabar.test.plugins")), pluginsDir);
        cinnabar = ServerProcess.cinnabarWithJavaOptions("-XX:+UseSerialGC -Dcinnabar.plugins=" + pluginsDir);
    }

    @AfterAll
    static void stop() {
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    private static Jedis connect() {
        return new Jedis("127.0.0.1", cinnabar.port());
    }

    private static String s(Object o) {
        return o == null ? null : new String((byte[]) o, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<String> libVersion(Jedis j, String command) {
        List<Object> r = (List<Object>) j.sendCommand(() -> command.getBytes(StandardCharsets.US_ASCII));
        return r.stream().map(PluginHostEndToEndTest::s).toList();
    }

    @Test
    void twoVersionsOfOneLibraryAnswerSideBySide() {
        try (Jedis j = connect()) {
            List<String> a = libVersion(j, "FIXA.LIBVERSION");
            List<String> b = libVersion(j, "FIXB.LIBVERSION");
            assertEquals("1.0.0", a.get(0));
            assertEquals("2.0.0", b.get(0));
            assertTrue(a.get(1).startsWith("dev.cinnabar.fixture.lib.FixtureLib@"), a.get(1));
            assertTrue(b.get(1).startsWith("dev.cinnabar.fixture.lib.FixtureLib@"), b.get(1));
            assertNotEquals(a.get(1), b.get(1), "each plugin has its own FixtureLib class and loader");
            assertEquals(a, libVersion(j, "fixa.libversion"), "stable across calls");
        }
    }

    @Test
    void refusedPluginsAreLoggedWithTheirReasons() {
        String log = cinnabar.log();
        assertTrue(log.contains("Plugin 'fixture-future' requires Cinnabar API 2.0.0, but this server provides API 1."), log);
        assertTrue(log.contains("Plugin 'fixture-throws' was not loaded: fixture-throws fails in register on purpose"), log);
        assertTrue(log.matches("(?s).*Plugin 'fixture-unnamed' cannot be loaded: .*unnamed package.*"), log);
        assertTrue(log.matches("(?s).*Plugin 'fixture-split' cannot be loaded: .*dev\\.cinnabar\\.api\\.command.*"), log);
    }

    @Test
    void nothingOfARefusedPluginIsRegistered() {
        try (Jedis j = connect()) {
            for (String cmd : List.of("FIXT.PARTIAL", "FIXF.PING")) {
                JedisDataException e = assertThrows(JedisDataException.class,
                        () -> j.sendCommand(() -> cmd.getBytes(StandardCharsets.US_ASCII)));
                assertEquals("ERR unknown command '" + cmd + "', with args beginning with: ", e.getMessage());
            }
        }
    }

    @Test
    void realPluginsWorkAndTheServerIsUp() {
        try (Jedis j = connect()) {
            assertEquals("PONG", j.ping());
            assertEquals("OK", j.set("plugin-host", "works"));
            assertEquals("works", j.get("plugin-host"));
            assertEquals(1L, j.del("plugin-host"));
        }
        assertTrue(cinnabar.alive());
    }

    @Test
    @SuppressWarnings("unchecked")
    void pluginListShowsLoadedAndRefusedPlugins() {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        try (Jedis j = connect()) {
            List<Object> plugins = (List<Object>) j.sendCommand(() -> "PLUGIN".getBytes(), "LIST");
            for (Object p : plugins) {
                List<Object> flat = (List<Object>) p;
                Map<String, Object> m = new HashMap<>();
                for (int i = 0; i < flat.size(); i += 2) {
                    m.put(s(flat.get(i)), flat.get(i + 1));
                }
                assertEquals(7, m.size(), "fields of one plugin");
                byId.put(s(m.get("id")), m);
            }
        }
        for (String ok : List.of("fixture-a", "fixture-b", "commands-strings", "commands-keys")) {
            Map<String, Object> m = byId.get(ok);
            assertEquals("started", s(m.get("state")), ok);
            assertNull(m.get("error"), ok);
            assertEquals("0.1.0", s(m.get("version")), ok);
            assertTrue(s(m.get("path")).endsWith(ok), s(m.get("path")));
        }
        assertEquals(List.of("fixture-a"), ((List<Object>) byId.get("fixture-a").get("families")).stream()
                .map(PluginHostEndToEndTest::s).toList());
        for (String refused : List.of("fixture-future", "fixture-throws", "fixture-unnamed", "fixture-split")) {
            Map<String, Object> m = byId.get(refused);
            assertTrue(m != null, refused + " listed: " + byId.keySet());
            assertEquals("failed", s(m.get("state")), refused);
            assertTrue(s(m.get("error")) != null && !s(m.get("error")).isEmpty(), refused);
            assertEquals(List.of(), m.get("families"), refused);
            assertTrue(s(m.get("path")).endsWith(refused), refused + " path " + s(m.get("path")));
        }
        assertEquals("0.1.0", s(byId.get("fixture-throws").get("version")));
        assertTrue(s(byId.get("fixture-future").get("error")).contains("2.0.0"));
    }

    @Test
    void moduleListShowsStartedPluginsAsModules() {
        try (Jedis j = connect()) {
            Map<String, Integer> modules = new HashMap<>();
            for (Module m : j.moduleList()) {
                modules.put(m.getName(), m.getVersion());
            }
            assertEquals(100, modules.get("fixture-a"));
            assertEquals(100, modules.get("commands-strings"));
            assertTrue(!modules.containsKey("fixture-throws") && !modules.containsKey("fixture-future"), modules.toString());
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.moduleUnload("fixture-throws"));
            assertEquals("ERR Error unloading module: no such module with that name", e.getMessage(),
                    "a plugin start-up refused is no module");
        }
    }
}
