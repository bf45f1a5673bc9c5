package dev.cinnabar.kernel.script;

import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.api.script.ScriptEngineListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The script engines plugins provide, by the name a shebang selects. The first plugin to provide
 * a name keeps it; a later one is refused so that a loaded engine never changes under cached
 * scripts. Plugins that keep compiled scripts listen here: they may refuse the removal of an
 * engine they still use, and forget what it compiled once it is gone. Executor only.
 */
public final class ScriptEngines {

    private record Entry(ScriptEngine engine, String owner) { }

    private record Listener(ScriptEngineListener listener, String owner) { }

    private final Map<String, Entry> engines = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();

    /** Registers {@code engine} for {@code owner} (a plugin id); throws if the name is taken. */
    public void register(ScriptEngine engine, String owner) {
        String name = engine.name().toLowerCase(Locale.ROOT);
        Entry existing = engines.get(name);
        if (existing != null) {
            throw new IllegalStateException("script engine '" + name + "' is already provided by " + existing.owner());
        }
        engines.put(name, new Entry(engine, owner));
    }

    public void addListener(ScriptEngineListener listener, String owner) {
        listeners.add(new Listener(listener, owner));
    }

    public void removeListeners(String owner) {
        listeners.removeIf(l -> l.owner().equals(owner));
    }

    /** The names of the engines {@code owner} provides. */
    public List<String> namesOf(String owner) {
        List<String> out = new ArrayList<>();
        engines.forEach((n, e) -> {
            if (e.owner().equals(owner)) {
                out.add(n);
            }
        });
        return out;
    }

    /**
     * Why {@code owner}'s engines cannot be removed now (another plugin still uses one), or empty.
     * The owner's own listeners are not asked: they go with it.
     */
    public Optional<String> refuseRemoval(String owner) {
        for (String name : namesOf(owner)) {
            for (Listener l : listeners) {
                if (l.owner().equals(owner)) {
                    continue;
                }
                Optional<String> why = l.listener().refuseRemoval(name);
                if (why.isPresent()) {
                    return Optional.of("script engine '" + name + "' is in use: " + why.get());
                }
            }
        }
        return Optional.empty();
    }

    /** Removes the engines of one plugin (PLUGIN UNLOAD) and tells the listeners. */
    public void unregisterOwner(String owner) {
        List<String> removed = namesOf(owner);
        engines.values().removeIf(e -> e.owner().equals(owner));
        for (String name : removed) {
            for (Listener l : List.copyOf(listeners)) {
                l.listener().engineRemoved(name);
            }
        }
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
