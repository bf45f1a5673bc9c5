package dev.cinnabar.api.config;

/** Read access to the server's configuration parameters by name (aliases accepted). */
public interface ConfigView {

    /** The parameter's current value as {@code CONFIG GET} shows it, or {@code null} when unknown. */
    String get(String name);

    /** The parameter's current value as a number (integers, memory sizes, booleans as 0/1). */
    long getLong(String name);

    /** The parameter's current value as a boolean ({@code yes}). */
    default boolean getBoolean(String name) {
        return getLong(name) != 0;
    }
}
