package dev.cinnabar.api.config;

import java.util.List;

/** The kinds of configuration values, each validated with Redis's {@code CONFIG SET} error texts. */
public sealed interface ConfigType {

    /** {@code yes}/{@code no}. */
    record Bool() implements ConfigType {
    }

    /** An integer within [{@code min}, {@code max}]. */
    record Int(long min, long max) implements ConfigType {
    }

    /** A memory size ({@code 1mb}, {@code 100k}...) within [{@code min}, {@code max}] bytes. */
    record Memory(long min, long max) implements ConfigType {
    }

    /** One of a fixed set of words (shown in this order in errors). */
    record Enum(List<String> values) implements ConfigType {
        public Enum {
            values = List.copyOf(values);
        }
    }

    /** Free text. */
    record Text() implements ConfigType {
    }

    /**
     * A value with its own syntax: {@code validator} returns {@code null} when the value is fine,
     * else the reason Redis gives (for example {@code "Invalid save parameters"}).
     */
    record Custom(java.util.function.Function<String, String> validator) implements ConfigType {
    }

    static ConfigType bool() {
        return new Bool();
    }

    static ConfigType integer(long min, long max) {
        return new Int(min, max);
    }

    static ConfigType memory(long min, long max) {
        return new Memory(min, max);
    }

    static ConfigType oneOf(String... values) {
        return new Enum(List.of(values));
    }

    static ConfigType text() {
        return new Text();
    }
}
