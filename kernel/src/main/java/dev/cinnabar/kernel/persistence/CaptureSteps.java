package dev.cinnabar.kernel.persistence;

import dev.cinnabar.kernel.keyspace.KeyspaceSnapshot;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Drives a background snapshot's capture on the executor: a step of about a millisecond per
 * event-loop turn, so clients are served between steps (a scheduled task is taken once per turn,
 * where a re-submitted one could run dozens of times in a row).
 */
final class CaptureSteps implements Runnable {

    /** One step's budget: the longest a capture holds the executor. */
    static final long STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(1000);
    /** How long to wait while the writer catches up. */
    private static final long BACKLOG_WAIT_MILLIS = 2;

    private final EventExecutor executor;
    private final KeyspaceSnapshot data;
    private final BooleanSupplier abandoned;
    private final BooleanSupplier backlogged;
    private final Runnable captured;
    /** {@code rdb-key-save-delay}: steps of a few keys, each followed by a wait of their delay. */
    private final long keySaveDelay;

    private CaptureSteps(EventExecutor executor, KeyspaceSnapshot data, BooleanSupplier abandoned,
                         BooleanSupplier backlogged, Runnable captured, long keySaveDelay) {
        this.executor = executor;
        this.data = data;
        this.abandoned = abandoned;
        this.backlogged = backlogged;
        this.captured = captured;
        this.keySaveDelay = keySaveDelay;
    }

    /**
     * Captures {@code data} step by step and then runs {@code captured} on the executor; waits
     * while {@code backlogged}, stops silently once {@code abandoned}; {@code keySaveDelay} is
     * {@code rdb-key-save-delay} (0: none). Executor thread.
     */
    static void start(EventExecutor executor, KeyspaceSnapshot data, BooleanSupplier abandoned,
                      BooleanSupplier backlogged, long keySaveDelay, Runnable captured) {
        new CaptureSteps(executor, data, abandoned, backlogged, captured, keySaveDelay).run();
    }

    @Override
    public void run() {
        if (abandoned.getAsBoolean()) {
            return;
        }
        if (backlogged.getAsBoolean()) {
            executor.schedule(this, BACKLOG_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } else if (keySaveDelay != 0) {
            int keys = KeySaveDelay.batch(keySaveDelay);
            if (data.captureSome(0, keys)) {
                captured.run();
            } else {
                executor.schedule(this, KeySaveDelay.pause(keySaveDelay, keys), TimeUnit.MICROSECONDS);
            }
        } else if (data.captureSome(STEP_NANOS)) {
            captured.run();
        } else {
            executor.schedule(this, 0, TimeUnit.NANOSECONDS);
        }
    }
}
