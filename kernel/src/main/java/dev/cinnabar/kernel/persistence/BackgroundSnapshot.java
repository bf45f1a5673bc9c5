package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.kernel.keyspace.Keyspace;
import dev.cinnabar.kernel.keyspace.KeyspaceSnapshot;
import dev.cinnabar.kernel.keyspace.ValueLoans;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
    private static final Piece END = new Piece(new byte[0], 0, null, null);

    /**
     * Bytes for the writer: the first {@code length} of {@code buffer}; or a lent value whose
     * bytes {@code body} writes there.
     */
    private record Piece(byte[] buffer, int length, ValueLoans.Loan loan, Consumer<RdbWriter> body) {
        Piece(byte[] buffer, int length) {
            this(buffer, length, null, null);
        }
    }

    private final Keyspace keyspace;
    private final EventExecutor executor;
    private final KeyspaceSnapshot snapshot;
    private final ValueLoans loans;
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
    /** The writer thread's buffer for lent values' bytes. */
    private byte[] lentScratch;

    private BackgroundSnapshot(Keyspace keyspace, EventExecutor executor, SnapshotEncoder encoder, Path temp,
                               Path target, Completion completion) {
        this.keyspace = keyspace;
        this.executor = executor;
        this.encoder = encoder;
        this.temp = temp;
        this.target = target;
        this.completion = completion;
        this.snapshot = keyspace.beginSnapshot();
        this.loans = keyspace.newLoans();
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

            @Override
            public boolean lend(RedisValue value, Consumer<RdbWriter> body) {
                job.enqueue(new Piece(null, 0, job.loans.lend(value), body));
                return true;
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
                if (piece.loan() != null) {
                    writeLent(piece, file);
                    continue;
                }
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
        } catch (IOException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } finally {
            loans.close(); // nothing lent is read any more: changes to it go ahead
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
                keyspace.endLoans(loans);
                endCapture(); // a failed write ends the capture early
                if (!cancelled) {
                    completion.completed(s, f);
                }
            });
        } catch (RuntimeException e) {
            deleteQuietly(temp); // the server is stopping
        }
    }

    /**
     * Writes a lent value's bytes to {@code file} as they are encoded (writer thread), then
     * returns the value to the executor. A cancelled job stops in the middle.
     */
    private void writeLent(Piece piece, SnapshotFile file) throws IOException {
        try {
            byte[][] scratch = {lentScratch};
            RdbWriter w = new RdbWriter(SnapshotStream.PIECE_BUFFER, full -> {
                if (cancelled()) {
                    throw new java.util.concurrent.CancellationException("background save cancelled");
                }
                drainTo(full, file, scratch);
            });
            piece.body().accept(w);
            drainTo(w, file, scratch);
            lentScratch = scratch[0];
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            piece.loan().returned();
        }
    }

    private static void drainTo(RdbWriter w, SnapshotFile file, byte[][] scratch) {
        if (scratch[0] == null || scratch[0].length < w.size()) {
            scratch[0] = new byte[Math.max(w.size(), SnapshotStream.PIECE_BUFFER)];
        }
        int n = w.copyTo(scratch[0], 0);
        w.clear();
        try {
            file.write(scratch[0], n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
