package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.Crc64;
import dev.cinnabar.kernel.keyspace.KeyAccess;
import dev.cinnabar.kernel.keyspace.Keyspace;
import dev.cinnabar.kernel.keyspace.KeyspaceSnapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A snapshot file being written: pieces appended (and checksummed), then the trailer and an fsync. */
public final class SnapshotFile implements AutoCloseable {

    private final FileChannel channel;
    private final SnapshotEncoder encoder;
    private long crc;
    private long size;

    SnapshotFile(Path path, SnapshotEncoder encoder) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.encoder = encoder;
    }

    void write(byte[] piece) throws IOException {
        write(piece, piece.length);
    }

    void write(byte[] buffer, int length) throws IOException {
        if (encoder.wantsCrc()) {
            crc = Crc64.update(crc, buffer, 0, length);
        }
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        size += length;
    }

    /** Appends the trailer and fsyncs; returns the file's size. */
    long finish() throws IOException {
        write(encoder.trailer(crc));
        channel.force(true);
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Writes the whole dataset as it is now to {@code path} and fsyncs it, on the executor and
     * before any other command runs (SAVE, an AOF base written at once), waiting {@code keySaveDelay}
     * microseconds after each key ({@code rdb-key-save-delay}). Returns the file's size.
     */
    public static long writeNow(Keyspace keyspace, SnapshotEncoder encoder, Path path, long keySaveDelay) throws IOException {
        try (SnapshotFile file = new SnapshotFile(path, encoder)) {
            KeyspaceSnapshot copy = keyspace.copyNow();
            byte[][] reused = {new byte[SnapshotStream.PIECE_BUFFER]};
            SnapshotStream stream = new SnapshotStream(copy, encoder, new SnapshotStream.Output() {
                @Override
                public void write(byte[] buffer, int length) throws IOException {
                    file.write(buffer, length);
                }

                @Override
                public byte[] buffer(int length) {
                    if (reused[0].length < length) {
                        reused[0] = new byte[length];
                    }
                    return reused[0]; // written before the next piece is asked for
                }
            });
            if (keySaveDelay == 0) {
                copy.sink(stream);
            } else {
                copy.sink(new KeyspaceSnapshot.Sink() {
                    @Override
                    public void entry(int d, byte[] key, RedisValue value, long expireAt, KeyAccess access, boolean scanned) {
                        stream.entry(d, key, value, expireAt, access, scanned);
                        KeySaveDelay.afterKey(keySaveDelay);
                    }

                    @Override
                    public void databaseDone(int d) {
                        stream.databaseDone(d);
                    }
                });
            }
            copy.captureSome(Long.MAX_VALUE);
            Exception failure = stream.finish();
            if (failure instanceof IOException io) {
                throw io;
            } else if (failure != null) {
                throw (RuntimeException) failure;
            }
            return file.finish();
        }
    }
}
