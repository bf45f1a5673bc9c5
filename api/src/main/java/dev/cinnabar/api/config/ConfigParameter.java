package dev.cinnabar.api.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A configuration parameter: its name and aliases, type, default, and whether it can change at run
 * time. The kernel parses config files and the command line with it, answers {@code CONFIG GET},
 * validates {@code CONFIG SET} with Redis's error texts and rewrites files with
 * {@code CONFIG REWRITE}.
 *
 * @param name      the canonical name, lower case
 * @param aliases   other accepted names ({@code hash-max-ziplist-entries} for {@code hash-max-listpack-entries})
 * @param type      how values are parsed and validated
 * @param defaultValue the default in {@code CONFIG GET} form
 * @param immutable true when only the config file and command line may set it
 * @param onChange  called on the executor with the new value after a successful change (may be a no-op)
 */
public record ConfigParameter(String name, List<String> aliases, ConfigType type, String defaultValue,
                              boolean immutable, Consumer<String> onChange) {

    public ConfigParameter {
        name = name.toLowerCase(Locale.ROOT);
        aliases = List.copyOf(aliases);
    }

    public static ConfigParameter of(String name, ConfigType type, String defaultValue) {
        return new ConfigParameter(name, List.of(), type, defaultValue, false, v -> { });
    }

    public ConfigParameter withAliases(String... a) {
        return new ConfigParameter(name, List.of(a), type, defaultValue, immutable, onChange);
    }

    public ConfigParameter asImmutable() {
        return new ConfigParameter(name, aliases, type, defaultValue, true, onChange);
    }

    public ConfigParameter onChange(Consumer<String> listener) {
        return new ConfigParameter(name, aliases, type, defaultValue, immutable, listener);
    }
}
