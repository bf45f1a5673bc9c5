package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.config.ConfigView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings that shape snapshot bytes, read once on the executor so a background save sees
 * the values of the moment it started, whatever CONFIG SET does meanwhile.
 */
public final class FrozenConfig implements ConfigView {

    private static final List<String> NAMES = List.of("rdbcompression", "rdbchecksum", "list-max-listpack-size",
            "list-compress-depth", "hash-max-listpack-entries", "hash-max-listpack-value", "zset-max-listpack-entries",
            "zset-max-listpack-value", "set-max-intset-entries", "maxmemory-policy");

    private final Map<String, String> text = new HashMap<>();
    private final Map<String, Long> numbers = new HashMap<>();

    private FrozenConfig() {
    }

    public static FrozenConfig of(ConfigView live) {
        FrozenConfig f = new FrozenConfig();
        for (String n : NAMES) {
            try {
                String v = live.get(n);
                if (v != null) {
                    f.text.put(n, v);
                    f.numbers.put(n, live.getLong(n));
                }
            } catch (RuntimeException e) {
                // not a parameter of this server (or not a number): codecs do not ask for it
            }
        }
        return f;
    }

    @Override
    public String get(String name) {
        String v = text.get(name);
        if (v == null) {
            throw new IllegalArgumentException("setting not captured for snapshots: " + name);
        }
        return v;
    }

    @Override
    public long getLong(String name) {
        Long v = numbers.get(name);
        if (v == null) {
            throw new IllegalArgumentException("setting not captured for snapshots: " + name);
        }
        return v;
    }
}
