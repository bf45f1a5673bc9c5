package dev.cinnabar.kernel.plugin;

import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDependency;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The one place that creates module layers: each plugin's {@code lib/} jars become a
 * {@link ModuleLayer} whose parents are the kernel's layer and the layers of the plugins it
 * depends on, so a plugin's private libraries (LuaJ, Rhino...) are visible to it alone and two
 * plugins may carry different versions of one library. Modelled on Elasticsearch's
 * {@code PluginsLoader}; see {@code ../shared/anchors/plugin-host.md} for the traps this avoids.
 *
 * <p>PF4J calls {@link #loadPlugin} and keeps the returned class loader; this class keeps the
 * layer by plugin id until the plugin is unloaded.
 */
final class PluginLayers implements PluginLoader {

    /** The {@code plugin.properties} key naming the plugin's main JPMS module. */
    static final String MODULE_PROPERTY = "plugin.module";

    private final Map<String, ModuleLayer> layers = new ConcurrentHashMap<>();

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isDirectory(pluginPath.resolve("lib"));
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        String id = descriptor.getPluginId();
        ModuleLayer kernelLayer = PluginLayers.class.getModule().getLayer();
        if (kernelLayer == null) {
            throw new PluginRuntimeException("Plugin '" + id + "' cannot be loaded: the server runs on the class path; "
                    + "plugins need it on the module path (bin/cinnabar-server does that)");
        }
        String mainModule = mainModule(pluginPath, id);
        try {
            List<ModuleLayer> parents = new ArrayList<>();
            for (PluginDependency d : descriptor.getDependencies()) {
                ModuleLayer dep = layers.get(d.getPluginId());
                if (dep == null) {
                    if (d.isOptional()) {
                        continue;
                    }
                    throw new PluginRuntimeException("Plugin '" + id + "' depends on plugin '" + d.getPluginId()
                            + "', which is not loaded");
                }
                parents.add(dep);
            }
            parents.add(kernelLayer);
            ModuleFinder finder = ModuleFinder.of(jars(pluginPath.resolve("lib")));
            warnShadowed(id, finder, parents);
            List<Configuration> parentConfigs = parents.stream().map(ModuleLayer::configuration).toList();
            Configuration cf = Configuration.resolveAndBind(ModuleFinder.of(), parentConfigs, finder, Set.of(mainModule));
            ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(cf, parents,
                    PluginLayers.class.getClassLoader()).layer();
            layers.put(id, layer);
            return layer.findLoader(mainModule);
        } catch (PluginRuntimeException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            // FindException, ResolutionException, LayerInstantiationException: PF4J only catches its own type
            throw new PluginRuntimeException("Plugin '" + id + "' cannot be loaded: " + describe(e));
        }
    }

    /** The message and its causes' ("Unable to derive module descriptor" alone does not say why). */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    private static void warnShadowed(String id, ModuleFinder finder, List<ModuleLayer> parents) {
        for (ModuleReference ref : finder.findAll()) {
            String name = ref.descriptor().name();
            for (ModuleLayer p : parents) {
                if (p.findModule(name).isPresent()) {
                    org.slf4j.LoggerFactory.getLogger(PluginLayers.class).warn(
                            "Plugin '{}' carries module {}, which the server already has; the server's copy is used", id, name);
                }
            }
        }
    }

    static String mainModule(Path pluginPath, String id) {
        Path props = pluginPath.resolve("plugin.properties");
        if (Files.isRegularFile(props)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(props)) {
                p.load(in);
            } catch (IOException e) {
                throw new PluginRuntimeException("Plugin '" + id + "': cannot read " + props + ": " + e.getMessage());
            }
            String m = p.getProperty(MODULE_PROPERTY);
            if (m != null && !m.isBlank()) {
                return m.trim();
            }
        }
        throw new PluginRuntimeException("Plugin '" + id + "' does not name its module: add '" + MODULE_PROPERTY
                + "=<module name>' to plugin.properties");
    }

    private static Path[] jars(Path lib) throws IOException {
        try (Stream<Path> s = Files.list(lib)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
        }
    }

    ModuleLayer layer(String pluginId) {
        return layers.get(pluginId);
    }

    void forget(String pluginId) {
        layers.remove(pluginId);
    }
}
