package dev.cinnabar.api.script;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.reply.ReplySink;

/**
 * What the server offers a running script: Redis commands with Redis's script checks, logging,
 * replication flags and the kill/timeout signal. Opened by
 * {@link dev.cinnabar.api.command.CommandContext#beginScript} and closed when the run ends.
 */
public interface ScriptHost extends AutoCloseable {

    /** Log levels of {@code redis.log}, Redis's numbers. */
    int LOG_DEBUG = 0;
    int LOG_VERBOSE = 1;
    int LOG_NOTICE = 2;
    int LOG_WARNING = 3;

    /**
     * Runs a command as {@code redis.call} does. The command's reply (an error reply included)
     * goes to {@code into}, which the engine implements to build its own values; {@code protocol}
     * (2 or 3) is the protocol the reply is shaped for.
     *
     * @throws CommandException when Redis's script checks refuse the call before it runs (unknown
     *         command, arity, {@code noscript}, writes from a read-only script, ...); the text
     *         is Redis's, without the {@code script: ...} suffix
     */
    void call(byte[][] argv, ReplySink into, int protocol);

    /**
     * {@code redis.acl_check_cmd}: could the calling user run this command with these arguments.
     *
     * @throws CommandException {@code ERR Invalid command passed to redis.acl_check_cmd()} for
     *         an unknown command
     */
    boolean aclCheck(byte[][] argv);

    /** {@code redis.log}: writes to the server log at one of the {@code LOG_*} levels. */
    void log(int level, String message);

    /** {@code redis.set_repl}: where later writes of this run are propagated (bits 1 AOF, 2 replicas). */
    void replicationFlags(int flags);

    /**
     * The kill/timeout poll. Engines call it often (every few thousand instructions at least);
     * a non-null result is the error the run must end with at once, and that no {@code pcall}
     * inside the script may catch.
     */
    String interruption();

    /**
     * Whether {@link #interruption()} has anything to do now (the run is near or past
     * {@code busy-reply-threshold}, or a kill was asked for). Cheap, and callable from any thread on
     * which the engine runs script code while the executor waits for it (LuaJ runs each coroutine
     * on a thread of its own): such an engine hands the {@link #interruption()} call over to the
     * executor thread, which serves the other clients from it, only when this is true.
     *
     * @since 1.3.0
     */
    default boolean interruptionDue() {
        return true;
    }

    /**
     * Ends the caller's command with an error reply. {@code innerCommand} says the error came from
     * a command the script ran, whose error statistics already counted it (Redis's
     * {@code ignore_error_stats_update}): it is not counted again, the caller's command still
     * counts as failed.
     */
    void replyError(String text, boolean innerCommand);

    /** Ends the run: restores the caller's state. */
    @Override
    void close();
}
