package dev.cinnabar.kernel.plugin;

import dev.cinnabar.api.ApiVersion;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.ExtensionWrapper;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRepository;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PF4J's manager with three changes: class loading goes through {@link PluginLayers} (a module
 * layer per plugin); plugins are loaded in dependency order (a layer needs its parents when it is
 * created, and PF4J would load them in directory order); and the API version a plugin requires
 * is checked before any layer exists, with a message naming both versions.
 */
final class CinnabarPluginManager extends DefaultPluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(CinnabarPluginManager.class);

    // PF4J's constructor calls createPluginLoader() before subclass fields are set: keep it lazy.
    private PluginLayers layers;
    private final Map<Path, String> failures = new LinkedHashMap<>();
    private final PluginArchives archives = new PluginArchives();

    CinnabarPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
    }

    // Only what Cinnabar uses: plugin folders and zips, plugin.properties, no extension scanning
    // (PF4J's finders cast class loaders and scan jars; they cost start-up time for nothing here).

    /**
     * Folders and zips directly under the plugins directory, hidden ones left out. Unlike PF4J's
     * repository it does not unpack zips beside themselves: {@link PluginArchives} unpacks them
     * into a private folder, so removing a zip removes its plugin at the next start.
     */
    @Override
    protected PluginRepository createPluginRepository() {
        return new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                List<Path> out = new ArrayList<>();
                for (Path root : getPluginsRoots()) {
                    try (var s = java.nio.file.Files.list(root)) {
                        s.filter(p -> !p.getFileName().toString().startsWith("."))
                                .filter(p -> java.nio.file.Files.isDirectory(p) || PluginArchives.isZip(p))
                                .sorted()
                                .forEach(out::add);
                    } catch (java.io.IOException e) {
                        LOG.warn("Cannot list plugins in {}: {}", root, e.getMessage());
                    }
                }
                return out;
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                return false;
            }
        };
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new PropertiesPluginDescriptorFinder();
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        return new ExtensionFinder() {
            @Override
            public <T> List<ExtensionWrapper<T>> find(Class<T> type) {
                return List.of();
            }

            @Override
            public <T> List<ExtensionWrapper<T>> find(Class<T> type, String pluginId) {
                return List.of();
            }

            @Override
            @SuppressWarnings("rawtypes")
            public List<ExtensionWrapper> find(String pluginId) {
                return List.of();
            }

            @Override
            public Set<String> findClassNames(String pluginId) {
                return Set.of();
            }
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return layers();
    }

    PluginLayers layers() {
        if (layers == null) {
            layers = new PluginLayers();
        }
        return layers;
    }

    /** Plugins that could not be loaded, by path, with the reason. */
    Map<Path, String> failures() {
        return failures;
    }

    @Override
    protected void validatePluginDescriptor(PluginDescriptor descriptor) {
        super.validatePluginDescriptor(descriptor);
        String requires = descriptor.getRequires();
        boolean ok;
        try {
            ok = ApiVersion.CURRENT.satisfies(requires);
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (!ok) {
            throw new PluginRuntimeException("Plugin '" + descriptor.getPluginId() + "' requires Cinnabar API "
                    + requires + ", but this server provides API " + ApiVersion.CURRENT);
        }
    }

    @Override
    public void loadPlugins() {
        List<Path> paths = new ArrayList<>(pluginRepository.getPluginPaths());
        Map<String, Path> byId = new LinkedHashMap<>();
        Map<String, PluginDescriptor> descriptors = new LinkedHashMap<>();
        for (Path given : paths) {
            try {
                Path p = archives.unpack(given);
                PluginDescriptor d = getPluginDescriptorFinder().find(p);
                byId.put(d.getPluginId(), p);
                descriptors.put(d.getPluginId(), d);
            } catch (RuntimeException e) {
                record(given, e);
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        for (String id : descriptors.keySet()) {
            visit(id, descriptors, order, visiting, new HashSet<>());
        }
        for (String id : order) {
            Path p = byId.get(id);
            try {
                loadPluginFromPath(p);
            } catch (RuntimeException e) {
                record(archives.origin(p), e);
            }
        }
        resolvePlugins();
    }

    private void visit(String id, Map<String, PluginDescriptor> all, List<String> order, Set<String> done,
                       Set<String> stack) {
        if (done.contains(id) || !all.containsKey(id)) {
            return;
        }
        if (!stack.add(id)) {
            LOG.warn("Cycle in plugin dependencies at '{}'", id);
            return;
        }
        for (PluginDependency d : all.get(id).getDependencies()) {
            visit(d.getPluginId(), all, order, done, stack);
        }
        done.add(id);
        order.add(id);
    }

    private void record(Path p, RuntimeException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        failures.put(p, reason);
        LOG.warn("Plugin at {} was not loaded: {}", p, reason);
    }

    /** Loads one plugin from a folder or zip at run time; returns its id. */
    String loadAt(Path path) {
        Path dir = archives.unpack(path);
        try {
            return loadPlugin(dir);
        } catch (RuntimeException e) {
            archives.discard(dir);
            throw e;
        }
    }

    /** Where a plugin came from: the zip for an unpacked one, else its folder. */
    Path origin(Path pluginPath) {
        return archives.origin(pluginPath);
    }

    @Override
    public boolean unloadPlugin(String pluginId) {
        PluginWrapper w = getPlugin(pluginId);
        Path dir = w == null ? null : w.getPluginPath();
        boolean r = super.unloadPlugin(pluginId);
        layers().forget(pluginId);
        if (dir != null) {
            archives.discard(dir);
        }
        return r;
    }

    /** Removes every unpacked zip (server shutdown). */
    void discardArchives() {
        archives.discardAll();
    }

    PluginWrapper wrapper(String id) {
        return getPlugin(id);
    }
}
