package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distribution without plugins/engine-js: no JavaScript, and Redis's errors for an unknown engine. */
class JsEngineRemovedTest {

    private static String call(RawConnection c, String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return new String(c.call(argv), StandardCharsets.ISO_8859_1);
    }

    @Test
    void withoutThePluginJsIsAnUnknownEngine() throws IOException {
        Path plugins = Files.createTempDirectory("cinnabar-no-js-");
        Path source = ServerProcess.distribution().resolve("plugins");
        assertTrue(Files.isDirectory(source.resolve("engine-js")), "the distribution ships engine-js");
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = source.relativize(p);
                if (rel.startsWith("engine-js")) {
                    continue;
                }
                Path target = plugins.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        try (ServerProcess s = ServerProcess.cinnabarWithJavaOptions("-XX:+UseSerialGC -Dcinnabar.plugins=" + plugins);
             RawConnection c = s.connect()) {
            assertEquals(call(c, "EVAL", "#!nosuch\nreturn 1", "0").replace("nosuch", "js"), call(c, "EVAL", "#!js\nreturn 1", "0"));
            assertEquals("-ERR Unexpected engine in script shebang: #!js\r\n", call(c, "EVAL", "#!js\nreturn 1", "0"));
            assertEquals("-ERR Engine 'js' not found\r\n", call(c, "FUNCTION", "LOAD", "#!js name=lib\nredis.registerFunction('f', function() {});"));
            assertEquals(":1\r\n", call(c, "EVAL", "return 1", "0"));
            String stats = call(c, "FUNCTION", "STATS");
            assertTrue(!stats.contains("JS"), stats);
        }
    }
}
