package dev.cinnabar.kernel.exec;

import dev.cinnabar.kernel.command.RegisteredCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's transaction state, as Redis's {@code multiState} plus the {@code CLIENT_MULTI},
 * {@code CLIENT_DIRTY_EXEC} and {@code CLIENT_DIRTY_CAS} flags and the client's list of watched
 * keys. The dispatcher queues into it, the transaction commands run and discard it,
 * {@link WatchedKeys} marks it dirty. Executor-thread only.
 */
public final class MultiState {

    /** A command accepted by MULTI, to run at EXEC. */
    public record Queued(RegisteredCommand command, byte[][] argv) {
    }

    private boolean active;
    private boolean aborted;
    private boolean dirty;
    private List<Queued> queue = new ArrayList<>();
    private long queuedBytes;
    final List<WatchedKeys.Watch> watches = new ArrayList<>();

    /** Inside MULTI (CLIENT LIST flag {@code x}). */
    public boolean active() {
        return active;
    }

    public void begin() {
        active = true;
    }

    /** A command was refused while queueing: EXEC will answer EXECABORT. */
    void abort() {
        if (active) {
            aborted = true;
        }
    }

    public boolean aborted() {
        return aborted;
    }

    /** A watched key was touched (CLIENT LIST flag {@code d}): EXEC will answer a null array. */
    public boolean dirty() {
        return dirty;
    }

    void markDirty() {
        dirty = true;
    }

    /** UNWATCH forgets an earlier touch too. */
    public void clearDirty() {
        dirty = false;
    }

    void queue(RegisteredCommand cmd, byte[][] argv) {
        // As Redis's queueMultiCommand: no point keeping commands of a transaction already lost
        // (CLIENT LIST's multi= stops counting).
        if (aborted || dirty) {
            return;
        }
        queue.add(new Queued(cmd, argv));
        for (byte[] a : argv) {
            queuedBytes += a.length;
        }
        queuedBytes += 8L * argv.length; // one robj pointer per argument, as Redis counts it
    }

    /** Queued commands so far ({@code multi=} in CLIENT LIST). */
    public int count() {
        return queue.size();
    }

    /** {@code multi-mem} in CLIENT LIST: Redis's {@code argv_len_sums}. */
    public long memory() {
        return queuedBytes;
    }

    public List<Queued> queued() {
        return queue;
    }

    public boolean watching() {
        return !watches.isEmpty();
    }

    /**
     * Leaves MULTI and forgets the queue and both flags (the transaction half of Redis's
     * {@code discardTransaction}; the caller also unwatches).
     */
    public void clear() {
        active = false;
        aborted = false;
        dirty = false;
        if (!queue.isEmpty()) {
            queue = new ArrayList<>();
        }
        queuedBytes = 0;
    }

    /** Redis's {@code discardTransaction}: leaves MULTI and unwatches everything (EXEC, DISCARD, RESET). */
    public void discard(WatchedKeys watchedKeys) {
        clear();
        watchedKeys.unwatchAll(this);
    }
}
