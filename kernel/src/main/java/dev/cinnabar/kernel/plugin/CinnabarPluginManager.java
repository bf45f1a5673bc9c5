package dev.cinnabar.kernel.plugin;

import dev.cinnabar.api.ApiVersion;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginRepository;
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

    CinnabarPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
    }

    // Only what Cinnabar uses: plugin folders and zips, plugin.properties, no extension scanning
    // (PF4J's finders cast class loaders and scan jars; they cost start-up time for nothing here).

    @Override
    protected PluginRepository createPluginRepository() {
        return new DefaultPluginRepository(getPluginsRoots());
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
        for (Path p : paths) {
            try {
                PluginDescriptor d = getPluginDescriptorFinder().find(p);
                byId.put(d.getPluginId(), p);
                descriptors.put(d.getPluginId(), d);
            } catch (RuntimeException e) {
                record(p, e);
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
                record(p, e);
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

    /** Loads one plugin from a path at run time; returns its id. */
    String loadAt(Path path) {
        return loadPlugin(path);
    }

    @Override
    public boolean unloadPlugin(String pluginId) {
        boolean r = super.unloadPlugin(pluginId);
        layers().forget(pluginId);
        return r;
    }

    PluginWrapper wrapper(String id) {
        return getPlugin(id);
    }
}
