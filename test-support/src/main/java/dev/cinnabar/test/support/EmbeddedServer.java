package dev.cinnabar.test.support;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.commands.keys.KeyCommands;
import dev.cinnabar.commands.strings.StringCommands;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.config.KernelParameters;
import dev.cinnabar.kernel.config.ServerConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process Cinnabar server for plugin tests: the kernel plus the command families (and
 * script engines) under test, registered directly from the test's class path (no plugin layers,
 * no zip), listening on a free port of 127.0.0.1. Talk to it with any Redis client.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.start(new ThrottleCommands());
 *      Jedis jedis = new Jedis(server.host(), server.port())) {
 *     jedis.sendCommand(...);
 * }
 * }</pre>
 *
 * <p>The kernel's own commands ({@code PING}, {@code CONFIG}, {@code INFO}, {@code MULTI},
 * {@code COMMAND}...) are always there; {@link Builder#withStandardCommands()} adds the string and
 * generic key commands ({@code GET}, {@code SET}, {@code TTL}, {@code DEL}...) so a test can look
 * at what its plugin stored. Your code needs only this class and {@code dev.cinnabar.api}.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Server server;

    private EmbeddedServer(Server server) {
        this.server = server;
    }

    /** Starts a server with {@code families} registered. */
    public static EmbeddedServer start(CommandFamily... families) {
        return builder().families(families).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port, chosen free at start. */
    public int port() {
        return server.port();
    }

    /** Stops the server and closes every connection. */
    @Override
    public void close() {
        server.shutdown();
    }

    /** Configuration, families and engines for one server. */
    public static final class Builder {
        private final List<CommandFamily> families = new ArrayList<>();
        private final List<ScriptEngine> engines = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {
        }

        /** Registers these families, each under its {@link CommandFamily#name()}. */
        public Builder families(CommandFamily... f) {
            families.addAll(List.of(f));
            return this;
        }

        /** Offers {@code engine} by its name, as a plugin providing it would. */
        public Builder engine(ScriptEngine engine) {
            engines.add(engine);
            return this;
        }

        /** A start-up parameter as in {@code cinnabar.conf} ({@code "maxmemory", "1mb"}). */
        public Builder config(String name, String value) {
            config.put(name, value);
            return this;
        }

        /** Adds the string and generic key commands of the distribution (GET, SET, TTL, DEL, ...). */
        public Builder withStandardCommands() {
            families.add(new StringCommands());
            families.add(new KeyCommands());
            return this;
        }

        /** Starts the server; it is listening when this returns. */
        public EmbeddedServer start() {
            ServerConfig c = new ServerConfig();
            KernelParameters.register(c);
            c.applyStartup("port", "0");
            c.applyStartup("bind", HOST);
            c.applyStartup("save", "");
            config.forEach(c::applyStartup);
            Server s = new Server(c, null);
            try {
                s.start(families);
                s.onExecutor(() -> {
                    for (ScriptEngine e : engines) {
                        s.scriptEngines().register(e, "engine:" + e.name());
                    }
                    return null;
                });
            } catch (Exception e) {
                s.shutdown();
                throw new IllegalStateException("embedded server did not start: " + e.getMessage(), e);
            }
            return new EmbeddedServer(s);
        }
    }
}
