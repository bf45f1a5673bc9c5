package dev.cinnabar.kernel.plugin;

import org.junit.jupiter.api.Test;
import org.pf4j.PluginRuntimeException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginArchivesTest {

    private static Path zip(String... entries) throws IOException {
        Path z = Files.createTempFile("plugin-", ".zip");
        try (OutputStream out = Files.newOutputStream(z); ZipOutputStream zo = new ZipOutputStream(out)) {
            for (String e : entries) {
                zo.putNextEntry(new ZipEntry(e));
                if (!e.endsWith("/")) {
                    zo.write("plugin.id=x\n".getBytes(StandardCharsets.UTF_8));
                }
                zo.closeEntry();
            }
        }
        return z;
    }

    @Test
    void aZipWithItsIdAsBaseFolderUnpacksToThatFolderOutsideThePluginsDirectory() throws IOException {
        Path z = zip("hello/", "hello/plugin.properties", "hello/lib/hello.jar");
        PluginArchives a = new PluginArchives();
        Path dir = a.unpack(z);
        assertEquals("hello", dir.getFileName().toString());
        assertTrue(Files.isRegularFile(dir.resolve("plugin.properties")));
        assertTrue(Files.isRegularFile(dir.resolve("lib/hello.jar")));
        assertFalse(dir.startsWith(z.getParent().resolve(z.getFileName().toString().replace(".zip", ""))),
                "not unpacked beside the zip");
        assertEquals(z, a.origin(dir));
        a.discard(dir);
        assertFalse(Files.exists(dir), "discard deletes what was unpacked");
        assertEquals(dir, a.origin(dir));
    }

    @Test
    void aZipWithoutBaseFolderUnpacksToItsOwnFolder() throws IOException {
        Path z = zip("plugin.properties", "lib/hello.jar");
        PluginArchives a = new PluginArchives();
        Path dir = a.unpack(z);
        assertTrue(Files.isRegularFile(dir.resolve("plugin.properties")));
        a.discardAll();
        assertFalse(Files.exists(dir));
    }

    @Test
    void anEntryOutsideTheArchiveIsRefused() throws IOException {
        Path z = zip("hello/plugin.properties", "../escaped.txt");
        PluginRuntimeException e = assertThrows(PluginRuntimeException.class, () -> new PluginArchives().unpack(z));
        assertTrue(e.getMessage().contains("entry outside the archive: ../escaped.txt"), e.getMessage());
    }

    @Test
    void aMissingPathIsNamed() {
        PluginRuntimeException e = assertThrows(PluginRuntimeException.class,
                () -> new PluginArchives().unpack(Path.of("/nonexistent/p.zip")));
        assertEquals("no plugin at /nonexistent/p.zip", e.getMessage());
    }

    @Test
    void aFolderIsTakenAsItIsOrThroughItsOnlyPluginFolder() throws IOException {
        Path outer = Files.createTempDirectory("plugins-");
        Path inner = Files.createDirectories(outer.resolve("hello"));
        Files.writeString(inner.resolve("plugin.properties"), "plugin.id=hello\n");
        PluginArchives a = new PluginArchives();
        assertEquals(inner, a.unpack(outer));
        assertEquals(inner, a.unpack(inner));
        assertEquals(inner, a.origin(inner));
    }
}
