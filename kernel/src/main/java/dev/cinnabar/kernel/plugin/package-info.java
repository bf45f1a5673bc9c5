/**
 * The plugin host: PF4J for plugin lifecycle (descriptors, dependencies, states), JPMS module
 * layers for class loading, {@link java.util.ServiceLoader} for discovery.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>One layer per plugin</b> ({@code PluginLayers}, the only class that creates layers or
 *       class loaders): parents are the kernel's layer plus the layers of the plugin's declared
 *       dependencies, so private libraries stay private and two plugins may carry two versions of
 *       one library. One class loader per layer ({@code defineModulesWithOneLoader}); the plugin
 *       finder is resolved <i>after</i> its parents, so a module the server already has wins (a
 *       warning names it).</li>
 *   <li><b>Descriptor</b>: PF4J's {@code plugin.properties} plus {@code plugin.module}, the main
 *       JPMS module, resolved with {@code resolveAndBind} so that service providers in the
 *       plugin's {@code lib/} are bound.</li>
 *   <li><b>Traps avoided</b> (see {@code shared/anchors/plugin-host.md}): PF4J loads in directory
 *       order, but a layer needs its parents when created, so {@code CinnabarPluginManager}
 *       loads in dependency order; PF4J validates {@code plugin.requires} after building the
 *       class loader, so the API version is checked in {@code validatePluginDescriptor}, before
 *       any layer exists; the JDK's layer exceptions are wrapped in PF4J's exception type so one
 *       bad plugin cannot stop the others; PF4J's extension finder is never used (it casts class
 *       loaders); discovery happens only once PF4J reports {@code STARTED}.</li>
 *   <li><b>All or nothing</b>: a plugin's families register through one
 *       {@code FamilyRegistrar}; any failure undoes its commands, config parameters and INFO
 *       contributions and unloads it, and the server runs on.</li>
 *   <li><b>Zips</b> ({@code PluginArchives}) unpack into private temporary folders, not beside the
 *       zip as PF4J does: removing a zip from {@code plugins/} removes the plugin, and a read-only
 *       plugins directory works. A single base folder inside the zip is accepted.</li>
 *   <li><b>Run-time unload</b> ({@code PLUGIN UNLOAD}, {@code MODULE UNLOAD}) runs on the
 *       executor, so commands appear and disappear between two commands of every client. It is
 *       refused, as Redis refuses {@code MODULE UNLOAD}, while anything would still call into the
 *       plugin: started dependents, function libraries on its engine (asked through
 *       {@code ScriptEngineListener}), clients blocked in its commands, keys holding values of its
 *       classes. Otherwise everything that references the plugin's classes is dropped: commands
 *       (a retired command forgets its implementation, since a client's last command keeps the
 *       object; a MULTI queue holding it answers unknown-command at EXEC), configuration, INFO,
 *       persistence, engines and what caches compiled with them, PF4J's wrapper and the layer.
 *       {@code PLUGIN LEAKS} watches the class loader through a weak reference; the end-to-end
 *       test proves it is collected, and that a plugin leaving a {@code ThreadLocal} on the
 *       executor is caught. What the host cannot undo is listed in {@code docs/plugins.md} §8.</li>
 * </ul>
 */
package dev.cinnabar.kernel.plugin;
