package dev.cinnabar.kernel.script;

import dev.cinnabar.api.script.ScriptEngine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The script engines plugins provide, by the name a shebang selects. The first plugin to provide
 * a name keeps it; a later one is refused so that a loaded engine never changes under cached
 * scripts. Executor only.
 */
public final class ScriptEngines {

    private record Entry(ScriptEngine engine, String owner) { }

    private final Map<String, Entry> engines = new LinkedHashMap<>();

    /** Registers {@code engine} for {@code owner} (a plugin id); throws if the name is taken. */
    public void register(ScriptEngine engine, String owner) {
        String name = engine.name().toLowerCase(Locale.ROOT);
        Entry existing = engines.get(name);
        if (existing != null) {
            throw new IllegalStateException("script engine '" + name + "' is already provided by " + existing.owner());
        }
        engines.put(name, new Entry(engine, owner));
    }

    /** Removes the engines of one plugin (PLUGIN UNLOAD). */
    public void unregisterOwner(String owner) {
        engines.values().removeIf(e -> e.owner().equals(owner));
    }

    /** The engine of that name (case as the shebang wrote it is compared exactly, as Redis does), or null. */
    public ScriptEngine get(String name) {
        Entry e = engines.get(name);
        return e == null ? null : e.engine();
    }

    public List<String> names() {
        return new ArrayList<>(engines.keySet());
    }
}
