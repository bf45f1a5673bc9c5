package dev.cinnabar.kernel;

import dev.cinnabar.kernel.config.ConfigFile;
import dev.cinnabar.kernel.config.KernelParameters;
import dev.cinnabar.kernel.config.ServerConfig;
import dev.cinnabar.kernel.log.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cinnabar-server [config-file] [--name value ...]}, like {@code redis-server}: defaults,
 * then the file, then the command-line options (a name followed by all words up to the next
 * {@code --name}). {@code --version} prints the version.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) {
        if (argv.length > 0 && (argv[0].equals("--version") || argv[0].equals("-v"))) {
            System.out.println("Cinnabar server v=" + Version.CINNABAR + " redis_version=" + Version.REDIS
                    + " java=" + Runtime.version());
            return;
        }
        if (argv.length > 0 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
            System.out.println("Usage: cinnabar-server [/path/to/cinnabar.conf] [--name value ...]");
            System.out.println("       cinnabar-server --version");
            System.out.println("Example: cinnabar-server --port 7777 --loglevel verbose");
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        ServerConfig config = new ServerConfig();
        KernelParameters.register(config);
        try {
            int i = 0;
            if (argv.length > 0 && !argv[0].startsWith("--")) {
                Path file = Path.of(argv[0]).toAbsolutePath();
                if (!Files.isRegularFile(file)) {
                    System.err.println("Fatal error, can't open config file '" + argv[0] + "'");
                    System.exit(1);
                }
                config.configFile(file);
                for (ConfigFile.Directive d : ConfigFile.read(file)) {
                    config.applyStartup(d.name(), d.value());
                }
                i = 1;
            }
            while (i < argv.length) {
                if (!argv[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + argv[i] + "'");
                }
                String name = argv[i].substring(2);
                List<String> values = new ArrayList<>();
                i++;
                while (i < argv.length && !argv[i].startsWith("--")) {
                    values.add(argv[i++]);
                }
                config.applyStartup(name, String.join(" ", values));
            }
        } catch (Exception e) {
            System.err.println("*** FATAL CONFIG FILE ERROR (Cinnabar " + Version.CINNABAR + ") ***");
            System.err.println(e.getMessage());
            System.exit(1);
        }
        Logging.apply(config.get("loglevel"), config.get("logfile"));
        String home = System.getProperty("cinnabar.home");
        Path plugins = home == null ? null : Path.of(home, "plugins");
        if (System.getProperty("cinnabar.plugins") != null) {
            plugins = Path.of(System.getProperty("cinnabar.plugins"));
        }
        log.info("oO0OoO0OoO0Oo Cinnabar is starting oO0OoO0OoO0Oo");
        log.info("Cinnabar version={}, redis_version={}, java={}, pid={}, just started", Version.CINNABAR, Version.REDIS,
                Runtime.version(), ProcessHandle.current().pid());
        if (config.configFile() == null) {
            log.warn("Warning: no config file specified, using the default config. In order to specify a config file use "
                    + "cinnabar-server /path/to/cinnabar.conf");
        } else {
            log.info("Configuration loaded from {}", config.configFile());
        }
        Server server = new Server(config, plugins);
        try {
            server.start(List.of());
        } catch (Exception e) {
            log.warn("{}", e.getMessage());
            server.shutdown();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (server.shuttingDown()) {
                return; // SHUTDOWN already stopped the server and is exiting
            }
            log.warn("Received SIGTERM scheduling shutdown...");
            server.saveBeforeExit();
            server.shutdown();
            log.warn("Cinnabar is now ready to exit, bye bye...");
        }, "cinnabar-shutdown"));
        log.info("Server initialized: port={} pid={} multiplexing={} plugins={}", server.port(), ProcessHandle.current().pid(),
                server.network().multiplexingApi(), server.plugins().startedNames());
        log.info("Ready to accept connections tcp");
    }
}
