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

    private CaptureSteps(EventExecutor executor, KeyspaceSnapshot data, BooleanSupplier abandoned,
                         BooleanSupplier backlogged, Runnable captured) {
        this.executor = executor;
        this.data = data;
        this.abandoned = abandoned;
        this.backlogged = backlogged;
        this.captured = captured;
    }

    /**
     * Captures {@code data} step by step and then runs {@code captured} on the executor; waits
     * while {@code backlogged}, stops silently once {@code abandoned}. Executor thread.
     */
    static void start(EventExecutor executor, KeyspaceSnapshot data, BooleanSupplier abandoned,
                      BooleanSupplier backlogged, Runnable captured) {
        new CaptureSteps(executor, data, abandoned, backlogged, captured).run();
    }

    @Override
    public void run() {
        if (abandoned.getAsBoolean()) {
            return;
        }
        if (backlogged.getAsBoolean()) {
            executor.schedule(this, BACKLOG_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } else if (data.captureSome(STEP_NANOS)) {
            captured.run();
        } else {
            executor.schedule(this, 0, TimeUnit.NANOSECONDS);
        }
    }
}
