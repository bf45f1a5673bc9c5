package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.kernel.keyspace.Keyspace;
import dev.cinnabar.kernel.keyspace.KeyspaceSnapshot;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A snapshot file written in the background (BGSAVE, AOF rewrite) without fork: the executor
 * captures and encodes the keyspace in steps ({@link KeyspaceSnapshot}, {@link SnapshotStream}),
 * a writer thread appends the pieces to the temp file, checksums and fsyncs it, and renames it
 * into place (the unlink of the old file happens there too, as in Redis's child). The outcome is
 * reported back on the executor.
 */
public final class BackgroundSnapshot {

    /** Told on the executor how the job ended (not after {@link #cancel}). */
    @FunctionalInterface
    public interface Completion {
        void completed(long bytes, Exception failure);
    }

    /** Pieces queued for the writer beyond which the capture waits (a slow disk). */
    private static final long BACKLOG_BYTES = 1L << 20;
    private static final Piece END = new Piece(new byte[0], 0);

    /** Bytes for the writer: the first {@code length} of {@code buffer}. */
    private record Piece(byte[] buffer, int length) {
    }

    private final Keyspace keyspace;
    private final EventExecutor executor;
    private final KeyspaceSnapshot snapshot;
    private final SnapshotEncoder encoder;
    private final Path temp;
    private final Path target;
    private final Completion completion;
    private final LinkedBlockingQueue<Piece> queue = new LinkedBlockingQueue<>();
    /** Buffers the writer is done with, for the next pieces (no garbage, so no young collections). */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean writeFailed;
    private volatile Exception encodeFailure;
    private final Object renameLock = new Object();
    private boolean cancelled; // written under renameLock, read on the executor and the writer
    private boolean captureEnded;

    private BackgroundSnapshot(Keyspace keyspace, EventExecutor executor, SnapshotEncoder encoder, Path temp,
                               Path target, Completion completion) {
        this.keyspace = keyspace;
        this.executor = executor;
        this.encoder = encoder;
        this.temp = temp;
        this.target = target;
        this.completion = completion;
        this.snapshot = keyspace.beginSnapshot();
    }

    /**
     * Starts the job (executor thread): the snapshot's instant is now. {@code target}: where the
     * writer renames the finished file, or null to leave that to {@code completion}.
     */
    public static BackgroundSnapshot start(Keyspace keyspace, EventExecutor executor, Executor writerThread,
                                           SnapshotEncoder encoder, Path temp, Path target, Completion completion,
                                           ConfigView config) {
        BackgroundSnapshot job = new BackgroundSnapshot(keyspace, executor, encoder, temp, target, completion);
        SnapshotStream stream = new SnapshotStream(job.snapshot, encoder, new SnapshotStream.Output() {
            @Override
            public void write(byte[] buffer, int length) {
                job.enqueue(new Piece(buffer, length));
            }

            @Override
            public byte[] buffer(int length) {
                byte[] b = length <= SnapshotStream.PIECE_BUFFER ? job.spare.poll() : null;
                return b != null ? b : new byte[Math.max(length, SnapshotStream.PIECE_BUFFER)];
            }
        });
        job.snapshot.sink(stream);
        writerThread.execute(job::writeAll);
        CaptureSteps.start(executor, job.snapshot, () -> job.cancelled || job.writeFailed,
                () -> !job.writeFailed && job.queued.get() > BACKLOG_BYTES, KeySaveDelay.of(config), () -> {
                    job.endCapture();
                    Exception failure = stream.finish();
                    if (failure != null) {
                        job.encodeFailure = failure; // the writer reports it at the end marker
                    }
                    job.queue.add(END);
                });
        return job;
    }

    private void endCapture() {
        if (!captureEnded) {
            captureEnded = true;
            keyspace.endSnapshot(snapshot);
        }
    }

    private void enqueue(Piece piece) {
        if (writeFailed) {
            return; // nothing more reaches the disk; the failure is reported at the end
        }
        queued.addAndGet(piece.length());
        queue.add(piece);
    }

    /** Abandons the job (executor thread): the file is never renamed into place, nothing is reported. */
    public void cancel() {
        synchronized (renameLock) {
            cancelled = true;
        }
        endCapture();
        queue.add(END);
    }

    private boolean cancelled() {
        synchronized (renameLock) {
            return cancelled;
        }
    }

    /**
     * The writer thread's whole work. It stops at the first failure without waiting for the rest
     * (the capture stops too, and the pieces still coming are dropped).
     */
    private void writeAll() {
        Exception failure = null;
        long size = 0;
        try (SnapshotFile file = new SnapshotFile(temp, encoder)) {
            for (Piece piece = queue.take(); piece != END && !cancelled(); piece = queue.take()) {
                queued.addAndGet(-piece.length());
                file.write(piece.buffer(), piece.length());
                if (piece.buffer().length == SnapshotStream.PIECE_BUFFER) {
                    spare.offer(piece.buffer());
                }
            }
            if (encodeFailure != null) {
                failure = encodeFailure;
            } else if (!cancelled()) {
                size = file.finish();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        if (failure != null) {
            writeFailed = true;
            queue.clear();
        }
        if (failure == null && target != null) {
            synchronized (renameLock) {
                if (!cancelled) {
                    try {
                        Persistence.rename(temp, target);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
        }
        if (failure != null || cancelled()) {
            deleteQuietly(temp);
        }
        Exception f = failure;
        long s = size;
        try {
            executor.execute(() -> {
                endCapture(); // a failed write ends the capture early
                if (!cancelled) {
                    completion.completed(s, f);
                }
            });
        } catch (RuntimeException e) {
            deleteQuietly(temp); // the server is stopping
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
