package dev.cinnabar.kernel.config;

import dev.cinnabar.api.config.ConfigParameter;
import dev.cinnabar.api.config.ConfigView;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every configuration parameter the server knows, kernel's and plugins', by name and alias.
 * Values come from defaults, then the config file, then {@code --name value} arguments, then
 * {@code CONFIG SET}. Validation errors carry Redis's reasons.
 */
public final class ServerConfig implements ConfigView {

    private final Map<String, ConfigEntry> byName = new LinkedHashMap<>();
    private final Map<String, ConfigEntry> byAlias = new LinkedHashMap<>();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private Path configFile;

    /** Registers a parameter; a value given earlier at start-up for it is applied now. */
    public synchronized void register(ConfigParameter p) {
        register(p, false);
    }

    public synchronized void register(ConfigParameter p, boolean protectedConfig) {
        if (byAlias.containsKey(p.name())) {
            throw new IllegalArgumentException("config parameter already registered: " + p.name());
        }
        ConfigEntry e = new ConfigEntry(p, protectedConfig);
        byName.put(p.name(), e);
        byAlias.put(p.name(), e);
        for (String a : p.aliases()) {
            byAlias.put(a.toLowerCase(Locale.ROOT), e);
        }
        for (String n : List.copyOf(pending.keySet())) {
            if (byAlias.get(n) == e) {
                String v = pending.remove(n);
                String err = e.validate(v);
                if (err != null) {
                    throw new IllegalArgumentException("'" + n + " " + v + "': " + err);
                }
                assign(e, v);
            }
        }
    }

    /** Removes a plugin's parameters when it unloads. */
    public synchronized void unregister(String name) {
        ConfigEntry e = byName.remove(name);
        if (e != null) {
            byAlias.values().removeIf(x -> x == e);
        }
    }

    public ConfigEntry entry(String nameOrAlias) {
        ConfigEntry e = byAlias.get(nameOrAlias); // kernel code asks in lower case: skip the copy
        return e != null ? e : byAlias.get(nameOrAlias.toLowerCase(Locale.ROOT));
    }

    /** All names including aliases, each with its entry (for CONFIG GET globs). */
    public Map<String, ConfigEntry> allNames() {
        return byAlias;
    }

    public Collection<ConfigEntry> entries() {
        return byName.values();
    }

    /**
     * Applies a start-up value (config file or command line). Unknown names are kept pending for
     * plugins that register them later; {@link #unknownPending()} lists what nobody claimed.
     */
    public synchronized void applyStartup(String name, String value) {
        ConfigEntry e = entry(name);
        if (e == null) {
            pending.put(name.toLowerCase(Locale.ROOT), value);
            return;
        }
        String err = e.validate(value);
        if (err != null) {
            throw new IllegalArgumentException("'" + name + " " + value + "': " + err);
        }
        assign(e, value);
    }

    public synchronized List<String> unknownPending() {
        return new ArrayList<>(pending.keySet());
    }

    private final Map<String, java.util.function.UnaryOperator<String>> normalizers = new java.util.HashMap<>();
    private final Map<String, List<java.util.function.Consumer<String>>> listeners = new java.util.HashMap<>();

    /**
     * Rewrites values of {@code name} before they are stored, for parameters Redis adjusts
     * instead of refusing ({@code hz} is clamped to 1..500, {@code save} is re-spaced).
     */
    public synchronized void normalizer(String name, java.util.function.UnaryOperator<String> n) {
        normalizers.put(name, n);
    }

    /** Adds a kernel listener called on the executor after {@code name} changed at run time. */
    public synchronized void onChange(String name, java.util.function.Consumer<String> listener) {
        listeners.computeIfAbsent(name, k -> new ArrayList<>()).add(listener);
    }

    /** Stores a validated value (normalized) without notifying anyone; CONFIG SET applies in two phases. */
    public void assign(ConfigEntry e, String value) {
        var n = normalizers.get(e.name());
        e.assign(n == null ? value : n.apply(value));
    }

    /** Notifies the parameter's listeners of its current value. */
    public void notifyChanged(ConfigEntry e) {
        e.parameter().onChange().accept(e.value());
        for (var l : listeners.getOrDefault(e.name(), List.of())) {
            l.accept(e.value());
        }
    }

    /** Sets a validated value at run time and notifies the parameter's listeners. */
    public void set(ConfigEntry e, String value) {
        assign(e, value);
        notifyChanged(e);
    }

    @Override
    public String get(String name) {
        ConfigEntry e = entry(name);
        return e == null ? null : e.value();
    }

    @Override
    public long getLong(String name) {
        ConfigEntry e = entry(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown config " + name);
        }
        return e.number();
    }

    public Path configFile() {
        return configFile;
    }

    public void configFile(Path p) {
        this.configFile = p;
    }
}
