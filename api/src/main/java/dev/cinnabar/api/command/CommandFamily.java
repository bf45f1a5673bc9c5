package dev.cinnabar.api.command;

/**
 * A group of commands contributed by a plugin, found with {@link java.util.ServiceLoader} in the
 * plugin's module layer ({@code provides dev.cinnabar.api.command.CommandFamily with ...}).
 * Implementations need a public no-argument constructor.
 */
public interface CommandFamily {

    /** A short name for logs and {@code PLUGIN LIST}, such as {@code "strings"}. */
    String name();

    /**
     * Registers the family's commands, configuration parameters and INFO fields. Called once,
     * on the executor, when the plugin starts; a failure here refuses the whole plugin and
     * leaves nothing registered.
     */
    void register(CommandRegistrar registrar);
}
