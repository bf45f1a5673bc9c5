package dev.cinnabar.api.command;

import dev.cinnabar.api.reply.ReplySink;

/**
 * The rest of a blocking command ({@code BLPOP}, {@code BZPOPMIN}, ...) once its client is parked
 * with {@link CommandContext#block}. The kernel calls it on the executor, never while another
 * command runs, in Redis's order: after each top-level command (a whole {@code MULTI/EXEC} or
 * script counts as one), for each key that command wrote, to the clients blocked on that key
 * first come, first served ({@code handleClientsBlockedOnKeys} in Redis's {@code blocked.c}).
 */
public interface BlockedCommand {

    /**
     * Tries to serve the client now that {@code key}, one of the keys it waits for, was written.
     * {@code ctx} is the blocked client's context (its database, protocol and a fresh frozen
     * clock). Returns {@code true} after writing exactly one reply to {@code reply} (the client is
     * then unblocked), or {@code false} without writing anything to keep waiting (the key holds
     * nothing for it yet, or a value of another type: Redis 7.0 keeps such clients blocked).
     * A {@link CommandException} thrown here becomes the client's error reply and unblocks it.
     */
    boolean serve(CommandContext ctx, byte[] key, ReplySink reply);

    /**
     * Writes the reply for a timeout (also {@code CLIENT UNBLOCK id TIMEOUT}): by default the null
     * array ({@code *-1} in RESP2, {@code _} in RESP3), what Redis sends for lists, sorted sets
     * and streams.
     */
    default void timedOut(ReplySink reply) {
        reply.nullArray();
    }
}
