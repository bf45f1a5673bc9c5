package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/cinnabar-server as users run it: any directory, symlinks, spaces in paths, Java checks. */
class LauncherTest {

    private record Result(int exit, String output) {
    }

    private static Result run(Path cwd, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish: " + out);
        return new Result(p.exitValue(), out);
    }

    private static Path launcher() {
        return ServerProcess.distribution().resolve("bin/cinnabar-server");
    }

    @Test
    void versionWorksFromAnyDirectory() throws Exception {
        Path elsewhere = Files.createTempDirectory("cinnabar-cwd-");
        Result r = run(elsewhere, Map.of(), "bash", launcher().toString(), "--version");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("Cinnabar server v=0.1.0 redis_version=7.0.15"), r.output());
    }

    @Test
    void worksThroughASymlinkAndFromAPathWithSpaces() throws Exception {
        Path dir = Files.createTempDirectory("cinnabar with spaces ");
        Path copy = dir.resolve("my install");
        copyTree(ServerProcess.distribution(), copy);
        Path link = dir.resolve("link to server");
        Files.createSymbolicLink(link, copy.resolve("bin/cinnabar-server"));
        Result r = run(dir, Map.of(), "bash", link.toString(), "--version");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("v=0.1.0"), r.output());
    }

    @Test
    void refusesAJavaOlderThan17WithAClearMessage() throws Exception {
        Path fakeJdk = Files.createTempDirectory("fake-jdk-");
        Files.createDirectories(fakeJdk.resolve("bin"));
        Path java = fakeJdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.2\"' >&2\n");
        java.toFile().setExecutable(true);
        Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Result r = run(fakeJdk, Map.of("JAVA_HOME", fakeJdk.toString()), "bash", launcher().toString(), "--version");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("Java 17 or newer is required") && r.output().contains("11.0.2"), r.output());
    }

    @Test
    void saysSoWhenThereIsNoJavaAtAll() throws Exception {
        // a PATH with the tools the script uses, but no java
        Path bin = Files.createTempDirectory("no-java-bin-");
        for (String tool : new String[]{"dirname", "readlink", "sed", "awk", "cut"}) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.exists(real)) {
                real = Path.of("/bin", tool);
            }
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Result r = run(bin, Map.of("JAVA_HOME", "", "PATH", bin.toString()), "/bin/bash", launcher().toString(),
                "--version");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("no Java found"), r.output());
    }

    @Test
    void badConfigurationStopsWithRedisStyleFatalError() throws Exception {
        Result r = run(Files.createTempDirectory("cinnabar-cwd-"), Map.of(), "bash", launcher().toString(),
                "--port", "70000");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("FATAL CONFIG FILE ERROR") && r.output().contains("port"), r.output());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.naturalOrder())::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    target.toFile().setExecutable(p.toFile().canExecute());
                }
            }
        }
    }

}
