package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.kernel.keyspace.KeyAccess;
import dev.cinnabar.kernel.keyspace.KeyspaceSnapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes a snapshot's entries as they are given out and passes the bytes on in file order, in
 * pieces of about {@value #CHUNK} bytes, in buffers the output may recycle (a background save
 * then allocates next to nothing, so it triggers no young collection of its own). Entries of the database being scanned stream at once;
 * those of a later database (given out early because a command changed them) wait in memory
 * until their database's turn. A large value is passed on in pieces as it is encoded, so no
 * buffer grows to its size. Executor thread.
 */
public final class SnapshotStream implements KeyspaceSnapshot.Sink {

    /** Where the pieces go, in file order. */
    public interface Output {
        /** A piece: the first {@code length} bytes of {@code buffer}, which belongs to the output now. */
        void write(byte[] buffer, int length) throws IOException;

        /** A buffer for a piece of {@code length} bytes: a new one, or one the output is done with. */
        default byte[] buffer(int length) {
            return new byte[length];
        }

        /**
         * Offers {@code value}, whose bytes {@code body} writes, to be written elsewhere (executor):
         * true when taken, in file order after the pieces passed so far; the value must then not
         * change until its bytes are written. False: the caller writes them itself.
         */
        default boolean lend(RedisValue value, Consumer<RdbWriter> body) {
            return false;
        }
    }

    /** The buffers an output may recycle: big enough for any piece of small values. */
    static final int PIECE_BUFFER = 80 * 1024;

    static final int CHUNK = 64 * 1024;

    private final SnapshotEncoder encoder;
    private final Output out;
    private final RdbWriter[] open;
    /** Pieces of later databases, each as its own byte array. */
    private final List<List<byte[]>> waiting = new ArrayList<>();
    private int streaming;
    private Exception failure;

    /** Writes the header and prepares each database's opening; set it as {@code snapshot}'s sink. */
    public SnapshotStream(KeyspaceSnapshot snapshot, SnapshotEncoder encoder, Output out) {
        this.encoder = encoder;
        this.out = out;
        RdbWriter head = writer();
        encoder.header(head);
        pass(head);
        open = new RdbWriter[snapshot.databases()];
        for (int d = 0; d < open.length; d++) {
            int db = d;
            // a large value leaves in pieces as it is encoded, never as one array of its size
            open[d] = new RdbWriter(CHUNK + (CHUNK >> 2), full -> seal(db));
            encoder.database(open[d], snapshot.dbId(d), snapshot.size(d), snapshot.volatileCount(d));
            waiting.add(new ArrayList<>());
        }
    }

    private static RdbWriter writer() {
        return new RdbWriter(CHUNK + (CHUNK >> 2));
    }

    @Override
    public void entry(int d, byte[] key, RedisValue value, long expireAt, KeyAccess access, boolean scanned) {
        if (failure != null) {
            return;
        }
        try {
            // A large value the scan reached may be written by the writer thread. One about to
            // change is written now, as it is; so is one of a later database, as the writer cannot
            // reach it before the capture does (a change would wait for it forever).
            if (scanned && d == streaming) {
                Consumer<RdbWriter> body = encoder.entryLendingValue(open[d], key, value, expireAt, access);
                if (body != null) {
                    seal(d);
                    if (!out.lend(value, body)) {
                        body.accept(open[d]);
                    }
                }
            } else {
                encoder.entry(open[d], key, value, expireAt, access);
            }
        } catch (RuntimeException e) {
            // called in front of a command's change: the command goes on, the snapshot fails
            failure = e;
            return;
        }
        if (open[d].size() >= CHUNK) {
            seal(d);
        }
    }

    private void seal(int d) {
        if (open[d].size() == 0) {
            return;
        }
        if (d == streaming) {
            pass(open[d]);
        } else {
            waiting.get(d).add(open[d].toByteArray());
        }
        open[d].clear();
    }

    @Override
    public void databaseDone(int d) {
        seal(d);
        streaming = d + 1;
        if (streaming < open.length) {
            for (byte[] piece : waiting.get(streaming)) {
                pass(piece, piece.length);
            }
            waiting.set(streaming, null);
        }
    }

    /** Copies what {@code w} holds into a buffer of the output's and passes it on. */
    private void pass(RdbWriter w) {
        if (failure == null) {
            byte[] b = out.buffer(w.size());
            pass(b, w.copyTo(b, 0));
        }
    }

    private void pass(byte[] buffer, int length) {
        if (failure != null) {
            return;
        }
        try {
            out.write(buffer, length);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** After the last database is done: the closing bytes. Returns what went wrong, or null. */
    public Exception finish() {
        RdbWriter tail = writer();
        encoder.end(tail);
        pass(tail);
        return failure;
    }
}
