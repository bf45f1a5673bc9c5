package dev.cinnabar.api.command;

import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.Database;

/**
 * What a command can reach while it runs: the databases, the client, the configuration and the
 * command's frozen clock. Valid only during {@link Command#execute}.
 */
public interface CommandContext {

    /** The client's selected database. */
    Database db();

    /** Database {@code index}; throws {@code ERR DB index is out of range} when there is none. */
    Database db(int index);

    /** Number of databases ({@code databases} config, 16 by default). */
    int databaseCount();

    /**
     * The time of this command in Unix milliseconds, frozen for the whole command (and for a whole
     * script or transaction), as Redis does, so keys never expire half-way.
     */
    long now();

    /** The calling client. */
    ClientInfo client();

    /** Read access to configuration parameters. */
    ConfigView config();

    /** Exchanges the contents of two databases ({@code SWAPDB}); clients keep their index. */
    void swapDatabases(int a, int b);

    /** The full lower-case name of the running command, such as {@code "set"} or {@code "object|encoding"}. */
    String commandName();

    /**
     * Whether the running command may block its client. False inside {@code MULTI/EXEC} and
     * scripts (Redis's {@code CLIENT_DENY_BLOCKING}): there a blocking command that finds nothing
     * must answer at once as if it had timed out. Contexts that never block (a script engine's
     * own) keep this default.
     */
    default boolean blockingAllowed() {
        return false;
    }

    /**
     * Parks the client instead of replying: the command writes no reply now. Whenever a command
     * writes one of {@code keys} (in the client's database), the kernel offers the key to
     * {@code command}, which replies and unblocks the client or keeps waiting; after
     * {@code timeoutMillis} (0 = never) the client gets {@link BlockedCommand#timedOut}. A client
     * that disconnects is forgotten. The client's further requests wait until it is unblocked.
     *
     * @throws IllegalStateException when {@link #blockingAllowed()} is false
     */
    default void block(java.util.List<byte[]> keys, long timeoutMillis, BlockedCommand command) {
        throw new IllegalStateException("this context cannot block");
    }

    /**
     * Publishes a keyspace notification for {@code key} in the client's selected database; see
     * {@link Database#notifyKeyspaceEvent}.
     *
     * @since 1.1.0
     */
    default void notifyKeyspaceEvent(int type, String event, byte[] key) {
        db().notifyKeyspaceEvent(type, event, key);
    }

    /**
     * The script engine a shebang names ({@code "lua"} for bodies without one), or null when no
     * loaded plugin provides it.
     */
    default dev.cinnabar.api.script.ScriptEngine scriptEngine(String name) {
        return null;
    }

    /**
     * Opens the host for one script run by this command: a script client that starts in the
     * caller's database, the clock frozen at the command's start, blocking commands answered as
     * if timed out. The caller closes it when the run ends.
     */
    default dev.cinnabar.api.script.ScriptHost beginScript(dev.cinnabar.api.script.ScriptOptions options) {
        throw new IllegalStateException("this context cannot run scripts");
    }

    /**
     * Shows this command to {@code MONITOR} clients now. Commands flagged {@code skip_monitor}
     * (EVAL, FCALL) call it themselves so that they appear before the commands they run.
     */
    default void feedMonitors() {
    }

    /**
     * True while used memory is above {@code maxmemory}: commands that decide their own
     * {@code denyoom} behaviour (EVAL of a shebang script) refuse with Redis's {@code -OOM} text.
     */
    default boolean outOfMemory() {
        return false;
    }

    /**
     * Redis's {@code MISCONF} refusal text while writes are refused because the last background
     * save or AOF write failed ({@code writeCommandsDeniedByDiskError}), else null: commands that
     * decide their own write flag (EVAL of a shebang script, FCALL) refuse with it.
     *
     * @since 1.4.0
     */
    default String persistenceWriteError() {
        return null;
    }

    /**
     * {@code SCRIPT KILL} ({@code function} false) or {@code FUNCTION KILL} of the script running
     * past {@code busy-reply-threshold}: null when the kill is on its way, else Redis's error text
     * ({@code NOTBUSY ...}, {@code UNKILLABLE ...}, or {@code BUSY ...} for the other kind).
     */
    default String killRunningScript(boolean function) {
        return "NOTBUSY No scripts in execution right now.";
    }

    /** True while a script or function runs past {@code busy-reply-threshold} (this command is served from its poll). */
    default boolean scriptBusy() {
        return false;
    }

    /**
     * States how many changes the running command made, as Redis adds them to
     * {@code server.dirty} ({@code rdb_changes_since_last_save} in {@code INFO persistence}, which
     * the {@code save} points compare with). The command's own writes so far stop counting one
     * each (see {@link Database}); {@code n} counts instead. Call it after the writes, where Redis
     * counts a command otherwise: {@code MOVE} deletes and sets but counts 1, {@code RPUSH} of 3
     * elements to a new key sets once but counts 3, a {@code SETBIT} that changes no bit counts 0.
     * Writes made after the call count on top of {@code n}; commands run inside this one (by
     * {@code EXEC} or a script) count for themselves. Contexts that keep no counter ignore it.
     *
     * @since 1.5.0
     */
    default void countChanges(long n) {
    }

    /**
     * States how the running command is written to the append-only file (Redis's
     * {@code alsoPropagate}/{@code rewriteClientCommandVector}): the first call replaces the
     * command as the client sent it by {@code argv}, further calls add commands after it (all in
     * the client's database, wrapped in MULTI/EXEC with the rest of the execution unit when there
     * is more than one). A command that calls it is written even if it changed no key, so call it
     * only when the command had an effect. Use it for forms that must not be replayed as sent:
     * random or relative results ({@code SPOP} as {@code SREM}, {@code HINCRBYFLOAT} as
     * {@code HSET}), and blocking commands served later. Contexts that write no AOF ignore it.
     *
     * @since 1.3.0
     */
    default void propagate(byte[]... argv) {
    }
}
