package dev.cinnabar.kernel.plugin;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.FamilyRegistrar;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Loads, starts, lists and unloads plugins. PF4J handles descriptors, dependencies and states;
 * {@link PluginLayers} gives each plugin a module layer; this class then finds the plugin's
 * {@link CommandFamily} services with {@link ServiceLoader} over that layer (only providers
 * defined in the plugin's own layer) and registers them all-or-nothing. A plugin that fails at
 * any step is logged with its reason, left out, and listed by {@code PLUGIN LIST} as failed; the
 * server runs on.
 */
public final class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    /** What {@code PLUGIN LIST} shows of one plugin. */
    public record PluginInfo(String id, String version, String state, String path, String requires,
                             List<String> families, String error) {
    }

    private final Server server;
    private final Path root;
    private CinnabarPluginManager manager;
    private final Map<String, List<String>> families = new LinkedHashMap<>();
    private final Map<String, FamilyRegistrar> registrars = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    /** What is known of plugins that PF4J no longer holds (refused or unloaded after failing). */
    private final Map<String, PluginInfo> failedInfo = new LinkedHashMap<>();

    public PluginHost(Server server, Path root) {
        this.server = server;
        this.root = root;
    }

    /** Loads and starts every plugin under the root. Runs on the executor. */
    public void loadAll() {
        if (root == null || !Files.isDirectory(root)) {
            LOG.info("No plugins directory{}", root == null ? "" : " at " + root);
            return;
        }
        manager = new CinnabarPluginManager(root);
        manager.loadPlugins();
        manager.failures().forEach((p, reason) -> {
            String id = p.getFileName().toString();
            errors.put(id, reason);
            failedInfo.put(id, new PluginInfo(id, "", "failed", p.toString(), "", List.of(), reason));
        });
        // a copy: a plugin that fails to start is unloaded, which edits PF4J's list
        for (PluginWrapper w : new ArrayList<>(manager.getResolvedPlugins())) {
            start(w);
        }
        for (PluginWrapper w : manager.getUnresolvedPlugins()) {
            errors.putIfAbsent(w.getPluginId(), "unresolved dependencies");
        }
    }

    private boolean start(PluginWrapper w) {
        String id = w.getPluginId();
        try {
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                throw new IllegalStateException("plugin did not start (" + state + ")"
                        + (w.getFailedException() == null ? "" : ": " + w.getFailedException().getMessage()));
            }
            ModuleLayer layer = manager.layers().layer(id);
            List<CommandFamily> found = new ArrayList<>();
            ServiceLoader.load(layer, CommandFamily.class).stream()
                    .filter(p -> p.type().getModule().getLayer() == layer)
                    .forEach(p -> found.add(p.get()));
            List<ScriptEngine> engines = new ArrayList<>();
            ServiceLoader.load(layer, ScriptEngine.class).stream()
                    .filter(p -> p.type().getModule().getLayer() == layer)
                    .forEach(p -> engines.add(p.get()));
            FamilyRegistrar registrar = new FamilyRegistrar(server, id);
            registrar.registerAll(found);
            try {
                for (ScriptEngine e : engines) {
                    server.scriptEngines().register(e, id);
                }
            } catch (RuntimeException e) {
                server.scriptEngines().unregisterOwner(id);
                registrar.undo();
                throw e;
            }
            registrars.put(id, registrar);
            List<String> provided = new ArrayList<>(found.stream().map(CommandFamily::name).toList());
            engines.forEach(e -> provided.add("engine:" + e.name()));
            families.put(id, provided);
            errors.remove(id);
            LOG.info("Plugin '{}' {} loaded: {}", id, w.getDescriptor().getVersion(), families.get(id));
            return true;
        } catch (RuntimeException | LinkageError e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("Plugin '{}' was not loaded: {}", id, reason);
            errors.put(id, reason);
            failedInfo.put(id, new PluginInfo(id, w.getDescriptor().getVersion(), "failed", manager.origin(w.getPluginPath()).toString(),
                    w.getDescriptor().getRequires(), List.of(), reason));
            try {
                manager.unloadPlugin(id);
            } catch (RuntimeException ignored) {
                // already reported; the plugin is out either way
            }
            return false;
        }
    }

    /**
     * {@code PLUGIN LOAD path}: loads, starts and registers the plugin in a folder or zip; returns
     * its id. Executor only, so its commands appear between two commands of any client.
     *
     * @throws IllegalArgumentException with the reason when the plugin was not loaded (nothing of it stays)
     */
    public String load(Path path) {
        if (manager == null) {
            manager = new CinnabarPluginManager(root == null ? path.toAbsolutePath().getParent() : root);
        }
        String id;
        try {
            id = manager.loadAt(path);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (id == null) {
            throw new IllegalArgumentException("no plugin found at " + path);
        }
        PluginWrapper w = manager.wrapper(id);
        if (w == null || w.getPluginState() != PluginState.RESOLVED || !start(w)) {
            String reason = errors.getOrDefault(id, "unresolved dependencies");
            if (manager.wrapper(id) != null) {
                manager.unloadPlugin(id);
            }
            // the reply says why; PLUGIN LIST keeps listing only what start-up refused
            errors.remove(id);
            failedInfo.remove(id);
            throw new IllegalArgumentException(reason);
        }
        return id;
    }

    /** Why {@code PLUGIN UNLOAD} refused. */
    public static final class UnloadRefused extends RuntimeException {
        UnloadRefused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * {@code PLUGIN UNLOAD id}: removes the plugin's commands, engines, configuration, INFO and
     * persistence contributions, drops what caches hold of its engines, and unloads its layer;
     * false when no plugin has that id. Executor only: its commands disappear between two commands
     * of any client.
     *
     * @throws UnloadRefused when something still needs the plugin; nothing changes then
     */
    public boolean unload(String id) {
        PluginWrapper w = manager == null ? null : manager.wrapper(id);
        if (w == null) {
            return false;
        }
        ModuleLayer layer = manager.layers().layer(id);
        if (w.getPluginState() == PluginState.STARTED) {
            refusal(id, layer).ifPresent(reason -> {
                throw new UnloadRefused(reason);
            });
        }
        FamilyRegistrar r = registrars.remove(id);
        if (r != null) {
            r.undo();
        }
        families.remove(id);
        server.scriptEngines().unregisterOwner(id);
        manager.unloadPlugin(id);
        if (layer != null) {
            layer.modules().stream().findFirst().map(Module::getClassLoader)
                    .ifPresent(loader -> unloaded.add(new Unloaded(id, new WeakReference<>(loader))));
        }
        LOG.info("Plugin '{}' unloaded", id);
        return true;
    }

    /** Redis's reasons to refuse {@code MODULE UNLOAD}, as they apply to plugins. */
    private java.util.Optional<String> refusal(String id, ModuleLayer layer) {
        List<String> dependents = new ArrayList<>();
        for (PluginWrapper other : manager.getPlugins()) {
            if (other.getDescriptor().getDependencies().stream().anyMatch(d -> d.getPluginId().equals(id))
                    && other.getPluginState() == PluginState.STARTED) {
                dependents.add(other.getPluginId());
            }
        }
        if (!dependents.isEmpty()) {
            return java.util.Optional.of("plugins depend on it (" + String.join(", ", dependents)
                    + "). Please unload them first and try again");
        }
        java.util.Optional<String> engines = server.scriptEngines().refuseRemoval(id);
        if (engines.isPresent()) {
            return engines;
        }
        if (layer == null) {
            return java.util.Optional.empty();
        }
        if (server.blockedClients().anyBlockedBy(layer)) {
            return java.util.Optional.of("the plugin has blocked clients. Please wait them unblocked and try again");
        }
        String key = keyHoldingValueOf(layer);
        if (key != null) {
            return java.util.Optional.of("keys hold values of the plugin's types (" + key
                    + "); delete them first");
        }
        return java.util.Optional.empty();
    }

    /** A key (as {@code db:name}) whose value is of a class of {@code layer}, or null. */
    private String keyHoldingValueOf(ModuleLayer layer) {
        for (int db = 0; db < server.keyspace().count(); db++) {
            String[] found = new String[1];
            int index = db;
            server.keyspace().db(db).forEachKey((key, value) -> {
                if (found[0] == null && value.getClass().getModule().getLayer() == layer) {
                    found[0] = index + ":" + new String(key, java.nio.charset.StandardCharsets.UTF_8);
                }
            });
            if (found[0] != null) {
                return found[0];
            }
        }
        return null;
    }

    private record Unloaded(String id, WeakReference<ClassLoader> loader) {
    }

    /** Plugins unloaded at run time, with a weak reference to their class loader. */
    private final List<Unloaded> unloaded = new ArrayList<>();

    /**
     * {@code PLUGIN LEAKS}: after a garbage collection, the ids of unloaded plugins whose class
     * loader is still reachable (something holds one of their objects: a ThreadLocal on a server
     * thread, a thread the plugin started, a static registry). Collected ones are forgotten.
     */
    public List<String> leaks() {
        System.gc();
        unloaded.removeIf(u -> u.loader().get() == null);
        return unloaded.stream().map(Unloaded::id).toList();
    }

    public void stopAll() {
        if (manager != null) {
            try {
                manager.stopPlugins();
            } catch (RuntimeException e) {
                LOG.warn("Stopping plugins failed", e);
            }
            manager.discardArchives();
        }
    }

    /** Every plugin that loaded or failed, for {@code PLUGIN LIST} and {@code MODULE LIST}. */
    public List<PluginInfo> list() {
        List<PluginInfo> out = new ArrayList<>();
        if (manager != null) {
            for (PluginWrapper w : manager.getPlugins()) {
                var d = w.getDescriptor();
                out.add(new PluginInfo(w.getPluginId(), d.getVersion(), w.getPluginState().toString().toLowerCase(),
                        manager.origin(w.getPluginPath()).toString(), d.getRequires(), families.getOrDefault(w.getPluginId(), List.of()),
                        errors.get(w.getPluginId())));
            }
        }
        errors.forEach((id, reason) -> {
            if (out.stream().noneMatch(p -> p.id().equals(id))) {
                PluginInfo known = failedInfo.get(id);
                out.add(known != null ? known : new PluginInfo(id, "", "failed", "", "", List.of(), reason));
            }
        });
        return out;
    }

    /** Names of the started plugins, for the start-up line. */
    public List<String> startedNames() {
        return new ArrayList<>(families.keySet());
    }
}
