package dev.cinnabar.kernel.config;

import dev.cinnabar.api.config.ConfigParameter;
import dev.cinnabar.api.config.ConfigType;

import java.util.Locale;

/** A registered parameter and its current value (both its text form and, for numbers, its parsed form). */
public final class ConfigEntry {

    private final ConfigParameter parameter;
    private final boolean protectedConfig;
    private volatile String value;
    private volatile long number;

    ConfigEntry(ConfigParameter parameter, boolean protectedConfig) {
        this.parameter = parameter;
        this.protectedConfig = protectedConfig;
        String error = validate(parameter.defaultValue());
        if (error != null) {
            throw new IllegalArgumentException("bad default for " + parameter.name() + ": " + error);
        }
        assign(parameter.defaultValue());
    }

    public ConfigParameter parameter() {
        return parameter;
    }

    public String name() {
        return parameter.name();
    }

    public boolean isProtected() {
        return protectedConfig;
    }

    public String value() {
        return value;
    }

    public long number() {
        return number;
    }

    /** The reason Redis gives for refusing {@code v}, or null when {@code v} is acceptable. */
    public String validate(String v) {
        ConfigType t = parameter.type();
        if (t instanceof ConfigType.Bool) {
            String l = v.toLowerCase(Locale.ROOT);
            return l.equals("yes") || l.equals("no") ? null : "argument must be 'yes' or 'no'";
        }
        if (t instanceof ConfigType.Int i) {
            long n;
            try {
                // strict like Redis's string2ll: no '+', spaces or leading zeros
                n = dev.cinnabar.api.keyspace.Numbers.parseLong(v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                return "argument couldn't be parsed into an integer";
            }
            if (n < i.min() || n > i.max()) {
                return "argument must be between " + i.min() + " and " + i.max() + " inclusive";
            }
            return null;
        }
        if (t instanceof ConfigType.Memory m) {
            long n = MemorySize.parse(v);
            if (n < 0) {
                return "argument must be a memory value";
            }
            if (n < m.min() || n > m.max()) {
                return "argument must be between " + m.min() + " and " + m.max() + " inclusive";
            }
            return null;
        }
        if (t instanceof ConfigType.Enum e) {
            return e.values().contains(v.toLowerCase(Locale.ROOT)) ? null
                    : "argument(s) must be one of the following: " + String.join(", ", e.values());
        }
        if (t instanceof ConfigType.Custom c) {
            return c.validator().apply(v);
        }
        return null;
    }

    /** Stores a value already validated. */
    void assign(String v) {
        ConfigType t = parameter.type();
        if (t instanceof ConfigType.Bool) {
            String l = v.toLowerCase(Locale.ROOT);
            value = l;
            number = l.equals("yes") ? 1 : 0;
        } else if (t instanceof ConfigType.Int) {
            number = Long.parseLong(v);
            value = Long.toString(number);
        } else if (t instanceof ConfigType.Memory) {
            number = MemorySize.parse(v);
            value = Long.toString(number);
        } else if (t instanceof ConfigType.Enum) {
            value = v.toLowerCase(Locale.ROOT);
            number = ((ConfigType.Enum) t).values().indexOf(value);
        } else {
            value = v;
            try {
                number = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                number = 0;
            }
        }
    }
}
