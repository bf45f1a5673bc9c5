package dev.cinnabar.kernel.plugin;

import org.pf4j.PluginRuntimeException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Plugin zips, unpacked into private temporary folders (never beside the zip, as PF4J would: a
 * user who removes the zip removes the plugin, and a read-only plugins directory works). A zip or
 * folder holding exactly one folder with {@code plugin.properties} (the zips Maven's assembly
 * plugin builds, with the plugin id as base directory) is taken as that folder.
 */
final class PluginArchives {

    private static final String DESCRIPTOR = "plugin.properties";

    /** Unpacked folder -> the zip it came from. */
    private final Map<Path, Path> unpacked = new ConcurrentHashMap<>();
    /** Unpacked folder -> the temporary folder to delete with it. */
    private final Map<Path, Path> temporary = new ConcurrentHashMap<>();

    static boolean isZip(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /** The plugin folder for {@code path}: a zip is unpacked first. */
    Path unpack(Path path) {
        if (!Files.exists(path)) {
            throw new PluginRuntimeException("no plugin at " + path);
        }
        if (!isZip(path)) {
            return descend(path);
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("cinnabar-plugin-");
            extract(path, tmp);
        } catch (IOException | RuntimeException e) {
            throw new PluginRuntimeException("cannot unpack plugin " + path + ": " + e.getMessage());
        }
        Path dir = descend(tmp);
        unpacked.put(dir, path);
        temporary.put(dir, tmp);
        return dir;
    }

    private static Path descend(Path dir) {
        if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve(DESCRIPTOR))) {
            return dir;
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> children = s.toList();
            if (children.size() == 1 && Files.isRegularFile(children.get(0).resolve(DESCRIPTOR))) {
                return children.get(0);
            }
        } catch (IOException e) {
            // PF4J reports the missing descriptor
        }
        return dir;
    }

    private static void extract(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the archive: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z, target);
                }
            }
        }
    }

    /** The zip a folder was unpacked from, or the folder itself. */
    Path origin(Path dir) {
        return unpacked.getOrDefault(dir, dir);
    }

    /** Deletes what was unpacked for {@code dir}, if anything. */
    void discard(Path dir) {
        unpacked.remove(dir);
        Path tmp = temporary.remove(dir);
        if (tmp != null) {
            deleteTree(tmp);
        }
    }

    void discardAll() {
        for (Path dir : List.copyOf(temporary.keySet())) {
            discard(dir);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary folder: the OS cleans up what is left
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
