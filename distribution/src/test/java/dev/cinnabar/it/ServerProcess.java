package dev.cinnabar.it;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process on a free port of 127.0.0.1: Cinnabar started from the assembled distribution
 * ({@code bin/cinnabar-server}, exactly as users start it), or a real {@code redis-server} for
 * differential tests. The one place tests start servers.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final String kind;

    private ServerProcess(String kind, Process process, int port, Path log) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The unpacked distribution the build assembled. */
    public static Path distribution() {
        String d = System.getProperty("cinnabar.dist");
        if (d == null) {
            throw new IllegalStateException("system property cinnabar.dist is not set (run through Maven)");
        }
        return Path.of(d);
    }

    /** Starts Cinnabar with test-friendly options plus {@code extra} ("--name", "value", ...). */
    public static ServerProcess cinnabar(String... extra) {
        return cinnabarWithJavaOptions(null, extra);
    }

    /**
     * Starts Cinnabar with {@code javaOptions} as {@code CINNABAR_JAVA_OPTS} (the JVM options
     * {@code bin/cinnabar-server} passes to java, e.g. {@code -XX:+UseSerialGC -Dcinnabar.plugins=dir});
     * {@code null} keeps the script's default.
     */
    public static ServerProcess cinnabarWithJavaOptions(String javaOptions, String... extra) {
        return cinnabarFrom(distribution(), javaOptions, extra);
    }

    /**
     * Starts the Cinnabar installed at {@code home} (a copy of the distribution, with its own
     * {@code plugins/}) as {@link #cinnabarWithJavaOptions} does.
     */
    public static ServerProcess cinnabarFrom(Path home, String javaOptions, String... extra) {
        int port = FreePort.find();
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/cinnabar-server").toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--enable-debug-command", "yes", "--enable-module-command", "yes"));
        cmd.addAll(List.of(extra));
        return start("cinnabar", cmd, port, javaOptions);
    }

    /** Copies a directory tree (a distribution, a plugins folder), file attributes such as the executable bit included. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Whether a real redis-server is installed. */
    public static boolean redisAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "redis-server"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts a real redis-server with the same test-friendly options. */
    public static ServerProcess redis(String... extra) {
        int port = FreePort.find();
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--enable-debug-command", "yes", "--enable-module-command", "yes"));
        cmd.addAll(List.of(extra));
        return start("redis", cmd, port, null);
    }

    private static ServerProcess start(String kind, List<String> cmd, int port, String javaOptions) {
        try {
            Path log = Files.createTempFile(kind + "-" + port + "-", ".log");
            Path dir = Files.createTempDirectory(kind + "-dir-");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            if (javaOptions != null) {
                pb.environment().put("CINNABAR_JAVA_OPTS", javaOptions);
            }
            ServerProcess sp = new ServerProcess(kind, pb.start(), port, log);
            // a server asked to load slowly is handed over while it still answers -LOADING
            sp.awaitReady(cmd.contains("--key-load-delay"));
            return sp;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(boolean loadingIsReady) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(kind + " exited early:\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] buf = new byte[64];
                int n = s.getInputStream().read(buf);
                if (n > 0 && (loadingIsReady || !new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("-LOADING"))) {
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(kind + " did not start within 30s:\n" + log());
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** What the server printed so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A new raw connection to this server. */
    public RawConnection connect() {
        return new RawConnection(port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
