package dev.cinnabar.kernel;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.config.InfoContributor;
import dev.cinnabar.kernel.command.CommandTable;
import dev.cinnabar.kernel.command.FamilyRegistrar;
import dev.cinnabar.kernel.command.RedisCommandReference;
import dev.cinnabar.kernel.commands.KernelCommands;
import dev.cinnabar.kernel.config.ServerConfig;
import dev.cinnabar.kernel.exec.BlockedClients;
import dev.cinnabar.kernel.exec.Dispatcher;
import dev.cinnabar.kernel.exec.ServerStats;
import dev.cinnabar.kernel.exec.WatchedKeys;
import dev.cinnabar.kernel.keyspace.ActiveExpireCycle;
import dev.cinnabar.kernel.keyspace.Keyspace;
import dev.cinnabar.kernel.net.ClientRegistry;
import dev.cinnabar.kernel.net.NetworkServer;
import dev.cinnabar.kernel.plugin.PluginHost;
import dev.cinnabar.kernel.pubsub.KeyspaceEventFlags;
import dev.cinnabar.kernel.pubsub.KeyspaceNotifier;
import dev.cinnabar.kernel.pubsub.PubSub;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One running Cinnabar server: configuration, keyspace, command table, executor, network and
 * plugins, wired together. Everything that touches data runs on {@link #executor()}.
 */
public final class Server {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final ServerConfig config;
    private final Keyspace keyspace;
    private final CommandTable commands;
    private final Dispatcher dispatcher;
    private final ClientRegistry clients = new ClientRegistry();
    private final ServerStats stats = new ServerStats();
    private final NetworkServer network;
    private final PluginHost plugins;
    private final ActiveExpireCycle activeExpire;
    private final BlockedClients blockedClients;
    private final dev.cinnabar.kernel.script.ScriptEngines scriptEngines = new dev.cinnabar.kernel.script.ScriptEngines();
    private dev.cinnabar.kernel.script.ScriptSession scriptSession;
    private final PubSub pubSub;
    private final WatchedKeys watchedKeys;
    private final List<InfoContributor> infoContributors = new CopyOnWriteArrayList<>();
    private final dev.cinnabar.kernel.persistence.Persistence persistence;
    private final dev.cinnabar.kernel.persistence.Loading loading = new dev.cinnabar.kernel.persistence.Loading(this);
    private final dev.cinnabar.kernel.aof.AppendOnlyFile aof;
    private final dev.cinnabar.kernel.aof.Propagator propagator;
    /** Plugin state saved with the dataset (function libraries); the persistence layer writes and reads it. */
    private final List<dev.cinnabar.api.rdb.PersistenceContributor> persistenceContributors = new CopyOnWriteArrayList<>();
    private final long startMillis = System.currentTimeMillis();
    private final String runId = randomHex(40);
    private String replicationId = randomHex(40);
    private ScheduledFuture<?> cron;
    private volatile boolean shuttingDown;
    private final List<Runnable> shutdownListeners = new CopyOnWriteArrayList<>();

    public Server(ServerConfig config, Path pluginsDir) {
        this.config = config;
        var maxmemoryPolicy = config.entry("maxmemory-policy"); // resolved once: read on every key access
        this.keyspace = new Keyspace((int) config.getLong("databases"), maxmemoryPolicy::number);
        this.commands = new CommandTable(RedisCommandReference.load());
        this.dispatcher = new Dispatcher(this);
        this.blockedClients = new BlockedClients(this);
        this.pubSub = new PubSub();
        keyspace.eventPublisher(new KeyspaceNotifier(pubSub));
        // The flags come from the string as given: CONFIG GET's normalised form can lose one ("n"
        // hides behind "A", as in Redis), so they are taken while normalising, not from the result.
        config.normalizer("notify-keyspace-events", v -> {
            int flags = KeyspaceEventFlags.parse(v);
            keyspace.notifyFlags(flags);
            return KeyspaceEventFlags.format(flags);
        });
        var notifyEvents = config.entry("notify-keyspace-events");
        config.assign(notifyEvents, notifyEvents.value());
        this.watchedKeys = new WatchedKeys(keyspace);
        this.persistence = new dev.cinnabar.kernel.persistence.Persistence(this);
        this.aof = new dev.cinnabar.kernel.aof.AppendOnlyFile(this);
        this.propagator = new dev.cinnabar.kernel.aof.Propagator(this, aof);
        config.onChange("appendonly", v -> aof.configChanged(config.getBoolean("appendonly")));
        keyspace.addListener(blockedClients);
        keyspace.addListener(watchedKeys);
        this.network = new NetworkServer(this);
        this.activeExpire = new ActiveExpireCycle(keyspace);
        this.plugins = new PluginHost(this, pluginsDir);
    }

    /**
     * Registers the kernel's commands, loads plugins (and {@code extraFamilies}, for tests that
     * run without plugin layers), binds the listeners and starts the cron.
     */
    public void start(List<CommandFamily> extraFamilies) throws Exception {
        onExecutor(() -> {
            new FamilyRegistrar(this, "kernel").registerAll(new KernelCommands(this));
            for (CommandFamily f : extraFamilies) {
                new FamilyRegistrar(this, f.name()).registerAll(f);
            }
            plugins.loadAll();
            // loading from before the first client can be read: none sees the dataset half-loaded
            loading.begin(datasetBytes());
            return null;
        });
        for (String unknown : config.unknownPending()) {
            LOG.warn("Unknown configuration directive '{}' ignored", unknown);
        }
        activeExpire.effort((int) config.getLong("active-expire-effort"));
        List<String> binds = new ArrayList<>(List.of(config.get("bind").trim().split("\\s+")));
        network.bind(binds, (int) config.getLong("port"));
        // as Redis: listening first, so that clients connecting during the load get -LOADING
        onExecutor(() -> {
            persistence.warmUp();
            // a load that fails ends the process: until then clients still get -LOADING, never an empty dataset
            loadDataset();
            dev.cinnabar.kernel.persistence.YoungGenerationFlush.afterBulkLoad();
            loading.end();
            return null;
        });
        scheduleCron();
    }

    /** While the start-up load runs: its state and INFO fields. */
    public dev.cinnabar.kernel.persistence.Loading loading() {
        return loading;
    }

    /** The bytes the start-up load will read: the AOF directory's files, or the RDB file. */
    public long datasetBytes() {
        try {
            if (config.getBoolean("appendonly")) {
                java.nio.file.Path dir = java.nio.file.Path.of(config.get("dir"), config.get("appenddirname"));
                if (!java.nio.file.Files.isDirectory(dir)) {
                    return 0;
                }
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
                    return files.mapToLong(p -> p.toFile().length()).sum();
                }
            }
            return persistence.file().toFile().length();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Redis's {@code loadDataFromDisk}: the RDB file in {@code dir}, if there is one; any problem is fatal. */
    private void loadDataset() throws Exception {
        if (config.getBoolean("appendonly")) {
            // as Redis: with the AOF on, dump.rdb is not read at all
            try {
                aof.startUp();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Fatal error loading the AOF: " + e + ". Exiting.", e);
            }
            return;
        }
        try {
            persistence.load(true);
        } catch (dev.cinnabar.api.rdb.RdbReader.Malformed e) {
            String reason = e.getMessage().endsWith(".") ? e.getMessage().substring(0, e.getMessage().length() - 1) : e.getMessage();
            throw new IllegalStateException("Fatal error loading the DB from " + persistence.file() + ": " + reason
                    + ". Exiting.", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Fatal error loading the DB: " + e + ". Exiting.", e);
        }
    }

    /** The append-only file. Executor only. */
    public dev.cinnabar.kernel.aof.AppendOnlyFile aof() {
        return aof;
    }

    /** What executed commands write to the AOF. Executor only. */
    public dev.cinnabar.kernel.aof.Propagator propagator() {
        return propagator;
    }

    /** The RDB persistence: codecs, change counter, save and load. Executor only. */
    public dev.cinnabar.kernel.persistence.Persistence persistence() {
        return persistence;
    }

    /** (Re)starts the periodic tasks at {@code hz} per second. */
    public void scheduleCron() {
        if (cron != null) {
            cron.cancel(false);
        }
        int hz = hz();
        cron = network.loop().next().scheduleAtFixedRate(this::serverCron, 1000 / hz, 1000 / hz, TimeUnit.MILLISECONDS);
    }

    /** {@code hz}, clamped to 1..500 as Redis does. */
    public int hz() {
        return (int) Math.max(1, Math.min(500, config.getLong("hz")));
    }

    private void serverCron() {
        try {
            activeExpire.run(hz());
            if (!aof.rewriteInProgress()) {
                persistence.cron(); // one copy-on-write snapshot at a time: save points wait for the rewrite
            }
            aof.cron();
            long timeout = config.getLong("timeout");
            if (timeout > 0) {
                long now = System.currentTimeMillis();
                for (var c : List.copyOf(clients.all())) {
                    // blocked clients wait as long as their command says, as in Redis's clientsCronHandleTimeout
                    // ... and subscribers wait for messages as long as they like (CLIENT_PUBSUB)
                    if (!c.monitor() && !c.blocked() && !c.subscribed() && now - c.lastInteractionMillis() > timeout * 1000) {
                        c.close();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Server cron failed", e);
        }
    }

    /** Runs {@code task} on the executor and waits for it (from any other thread). */
    public <T> T onExecutor(Callable<T> task) throws Exception {
        var loop = network.loop().next();
        if (loop.inEventLoop()) {
            return task.call();
        }
        try {
            return loop.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    public io.netty.channel.EventLoop executor() {
        return network.loop().next();
    }

    public boolean requiresAuth() {
        return !config.get("requirepass").isEmpty();
    }

    public int port() {
        return network.boundPort();
    }

    /** Stops listening and closes every connection. */
    public void shutdown() {
        if (shuttingDown) {
            return;
        }
        shuttingDown = true;
        for (Runnable r : shutdownListeners) {
            r.run();
        }
        try {
            onExecutor(() -> {
                aof.shutdown();
                return null;
            });
        } catch (Exception e) {
            LOG.warn("Error flushing the AOF: {}", e.toString());
        }
        if (cron != null) {
            cron.cancel(false);
        }
        plugins.stopAll();
        network.close();
    }

    /**
     * Redis's {@code prepareForShutdown} without an explicit choice: saves when save points are
     * configured. Returns false when that save failed. From any thread.
     */
    public boolean saveBeforeExit() {
        try {
            return onExecutor(() -> {
                if (!persistence.savePointsConfigured()) {
                    return true;
                }
                LOG.warn("Saving the final RDB snapshot before exiting.");
                boolean ok = persistence.save();
                if (!ok) {
                    LOG.warn("Error trying to save the DB, can't exit.");
                }
                return ok;
            });
        } catch (Exception e) {
            LOG.warn("Error trying to save the DB: {}", e.toString());
            return false;
        }
    }

    public void onShutdown(Runnable r) {
        shutdownListeners.add(r);
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    public ServerConfig config() {
        return config;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public CommandTable commands() {
        return commands;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public ServerStats stats() {
        return stats;
    }

    public NetworkServer network() {
        return network;
    }

    public PluginHost plugins() {
        return plugins;
    }

    public PubSub pubSub() {
        return pubSub;
    }

    /** The keys clients WATCH, and who watches them. */
    public WatchedKeys watchedKeys() {
        return watchedKeys;
    }

    /**
     * Redis's "used memory above {@code maxmemory}": the JVM heap in use against the limit. Keys are
     * never evicted, so every policy behaves as {@code noeviction} does once the limit is passed.
     */
    public boolean outOfMemory() {
        long max = config.getLong("maxmemory");
        if (max <= 0) {
            return false;
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory() > max;
    }

    /** The script engines plugins provide. */
    public dev.cinnabar.kernel.script.ScriptEngines scriptEngines() {
        return scriptEngines;
    }

    /** The host of the running script (created on first use). Executor only. */
    public dev.cinnabar.kernel.script.ScriptSession scriptSession() {
        if (scriptSession == null) {
            scriptSession = new dev.cinnabar.kernel.script.ScriptSession(this);
        }
        return scriptSession;
    }

    public BlockedClients blockedClients() {
        return blockedClients;
    }

    public ActiveExpireCycle activeExpire() {
        return activeExpire;
    }

    public List<dev.cinnabar.api.rdb.PersistenceContributor> persistenceContributors() {
        return persistenceContributors;
    }

    public List<InfoContributor> infoContributors() {
        return infoContributors;
    }

    public long startMillis() {
        return startMillis;
    }

    public String runId() {
        return runId;
    }

    public String replicationId() {
        return replicationId;
    }

    public void changeReplicationId() {
        replicationId = randomHex(40);
    }

    private static String randomHex(int n) {
        byte[] b = new byte[n / 2];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
