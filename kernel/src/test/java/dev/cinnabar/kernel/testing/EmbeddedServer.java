package dev.cinnabar.kernel.testing;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.config.KernelParameters;
import dev.cinnabar.kernel.config.ServerConfig;

import java.util.List;
import java.util.Map;

/**
 * An in-process server for plugin tests: the kernel on the class path plus the families under
 * test, registered directly (no plugin layers), listening on a free port of 127.0.0.1.
 *
 * <pre>{@code
 * try (EmbeddedServer s = EmbeddedServer.start(new StringCommands())) {
 *     Jedis j = new Jedis("127.0.0.1", s.port()); ...
 * }
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {

    private final Server server;

    private EmbeddedServer(Server server) {
        this.server = server;
    }

    public static EmbeddedServer start(CommandFamily... families) {
        return start(Map.of(), families);
    }

    /** Starts with extra configuration ({@code "enable-debug-command" -> "yes"}). */
    public static EmbeddedServer start(Map<String, String> config, CommandFamily... families) {
        ServerConfig c = new ServerConfig();
        KernelParameters.register(c);
        c.applyStartup("port", "0");
        c.applyStartup("bind", "127.0.0.1");
        c.applyStartup("save", "");
        try {
            // SAVE, DEBUG RELOAD and the start-up load use dir: never the working directory of the build
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cinnabar-embedded-");
            dir.toFile().deleteOnExit();
            c.applyStartup("dir", dir.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        config.forEach(c::applyStartup);
        Server s = new Server(c, null);
        try {
            s.start(List.of(families));
        } catch (Exception e) {
            s.shutdown();
            throw new IllegalStateException(e);
        }
        return new EmbeddedServer(s);
    }

    public int port() {
        return server.port();
    }

    public Server server() {
        return server;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
