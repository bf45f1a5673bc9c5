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
public final class CaptureSteps implements Runnable {

    /** One step's budget: the longest a capture holds the executor. */
    static final long STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(1000);

    private final EventExecutor executor;
    private final KeyspaceSnapshot data;
    private final BooleanSupplier abandoned;
    private final Runnable captured;

    private CaptureSteps(EventExecutor executor, KeyspaceSnapshot data, BooleanSupplier abandoned, Runnable captured) {
        this.executor = executor;
        this.data = data;
        this.abandoned = abandoned;
        this.captured = captured;
    }

    /**
     * Captures {@code data} step by step and then runs {@code captured} on the executor; stops
     * silently once {@code abandoned} says so (the job was cancelled). Executor thread.
     */
    public static void start(EventExecutor executor, KeyspaceSnapshot data, BooleanSupplier abandoned, Runnable captured) {
        new CaptureSteps(executor, data, abandoned, captured).run();
    }

    @Override
    public void run() {
        if (abandoned.getAsBoolean()) {
            return;
        }
        if (data.captureSome(STEP_NANOS)) {
            captured.run();
        } else {
            executor.schedule(this, 0, TimeUnit.NANOSECONDS);
        }
    }
}
