package dev.cinnabar.api.command;

import dev.cinnabar.api.config.ConfigParameter;
import dev.cinnabar.api.config.InfoContributor;

/** What a {@link CommandFamily} registers its contributions with. */
public interface CommandRegistrar {

    /**
     * Registers an implementation of one of Redis 7.0's own commands, by its full name in lower
     * case ({@code "get"}, or {@code "object|encoding"} for a subcommand). Arity, flags, key
     * specs, ACL categories and documentation are taken from the kernel's table of Redis 7.0.15
     * metadata, so {@code COMMAND INFO} and {@code COMMAND DOCS} answer exactly as Redis.
     *
     * @throws IllegalArgumentException when Redis 7.0 has no such command
     */
    void redisCommand(String fullName, Command implementation);

    /** Registers a command described by {@code spec} (one Redis does not have). */
    void command(CommandSpec spec, Command implementation);

    /** Adds a configuration parameter ({@code CONFIG GET/SET}, config file, command line). */
    void config(ConfigParameter parameter);

    /** Adds fields to an INFO section, or a new section. */
    void info(InfoContributor contributor);

    /**
     * Registers state saved and loaded with the dataset (snapshots, append-only file rewrites).
     *
     * @since 1.2.0
     */
    default void persistence(dev.cinnabar.api.rdb.PersistenceContributor contributor) {
        throw new UnsupportedOperationException("this registrar takes no persistence contributions");
    }

    /**
     * Registers a listener asked before a script engine is unloaded and told once it is gone
     * (plugins that cache what engines compiled). Hosts older than 1.3.0 do not call it; the
     * default ignores the listener, which is right for a registrar that never unloads engines.
     *
     * @since 1.3.0
     */
    default void scriptEngineListener(dev.cinnabar.api.script.ScriptEngineListener listener) {
    }

    /**
     * Registers the RDB encoding of a data type's values (snapshots, {@code DUMP}/{@code RESTORE}).
     *
     * @since 1.3.0
     */
    default void rdbValueCodec(dev.cinnabar.api.rdb.RdbValueCodec codec) {
        throw new UnsupportedOperationException("this registrar takes no RDB value codecs");
    }
}
