package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.rdb.PersistenceContributor;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.keyspace.Keyspace;
import dev.cinnabar.kernel.net.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The server's RDB persistence state: the change counter Redis calls {@code dirty}, the last save
 * time and status, and the save / load operations on {@code dir}/{@code dbfilename}. Executor
 * thread only (saves are synchronous, as Redis's {@code SAVE}).
 */
public final class Persistence {

    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);

    private final Server server;
    private final RdbCodecs codecs = new RdbCodecs();
    private long dirty;
    private long lastSaveSeconds = System.currentTimeMillis() / 1000;
    private boolean lastSaveOk = true;
    private long saves;
    private long lastLoadKeysLoaded;
    private long lastLoadKeysExpired;

    public Persistence(Server server) {
        this.server = server;
        server.keyspace().addListener(new Keyspace.ModificationListener() {
            @Override
            public void modified(int db, byte[] key) {
                dirty++;
            }

            @Override
            public void databaseReplacing(int db, int replacedWith) {
                // FLUSHALL/FLUSHDB count the keys they remove (emptyData's return), SWAPDB one change
                dirty += replacedWith < 0 ? server.keyspace().db(db).size() : 1;
            }
        });
    }

    public RdbCodecs codecs() {
        return codecs;
    }

    /** {@code server.dirty}: changes since the last successful save. */
    public long dirty() {
        return dirty;
    }

    public void dirty(long value) {
        dirty = value;
    }

    public void addDirty(long n) {
        dirty += n;
    }

    public long lastSaveSeconds() {
        return lastSaveSeconds;
    }

    public boolean lastSaveOk() {
        return lastSaveOk;
    }

    /** A save a client asked for (SAVE), counted in {@code rdb_saves}. */
    public void countSave() {
        saves++;
    }

    public long saves() {
        return saves;
    }

    public long lastLoadKeysLoaded() {
        return lastLoadKeysLoaded;
    }

    public long lastLoadKeysExpired() {
        return lastLoadKeysExpired;
    }

    /** {@code dir}/{@code dbfilename}. */
    public Path file() {
        return Path.of(server.config().get("dir")).resolve(server.config().get("dbfilename"));
    }

    /** The whole dataset as an RDB file. */
    public byte[] snapshot() {
        return RdbFile.write(server.keyspace(), codecs, server.persistenceContributors(), server.config());
    }

    /**
     * Redis's {@code rdbSave}: writes {@code temp-<pid>.rdb} in {@code dir}, fsyncs, renames it
     * over {@code dbfilename}; on success resets the change counter and the last save time.
     * Returns false (after logging why) when the file could not be written.
     */
    public boolean save() {
        Path target = file();
        Path temp = target.resolveSibling("temp-" + ProcessHandle.current().pid() + ".rdb");
        try {
            byte[] data = snapshot();
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed opening the temp RDB file {} (in server root dir {}) for saving: {}",
                    temp.getFileName(), target.getParent(), e.toString());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do
            }
            lastSaveOk = false;
            return false;
        }
        LOG.info("DB saved on disk");
        dirty = 0;
        lastSaveSeconds = System.currentTimeMillis() / 1000;
        lastSaveOk = true;
        return true;
    }

    /**
     * Loads {@code dir}/{@code dbfilename} into the keyspace (start-up, DEBUG RELOAD). A missing file
     * is an empty dataset at start-up ({@code missingOk}); anything else wrong throws with the
     * reason.
     */
    public void load(boolean missingOk) throws IOException, RdbReader.Malformed {
        load(missingOk, false);
    }

    /** As {@link #load(boolean)}; with {@code merge} a key already present is replaced (DEBUG RELOAD MERGE). */
    public void load(boolean missingOk, boolean merge) throws IOException, RdbReader.Malformed {
        Path f = file();
        byte[] data;
        try {
            data = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            if (missingOk) {
                return;
            }
            throw e;
        }
        long start = System.nanoTime();
        ClientContext ctx = new ClientContext(server, Client.scriptClient(-2));
        RdbFile.LoadResult r = RdbFile.load(data, server.keyspace(), codecs, server.persistenceContributors(), ctx,
                server.config(), System.currentTimeMillis(), merge);
        lastLoadKeysLoaded = r.keysLoaded();
        lastLoadKeysExpired = r.keysExpired();
        if (r.emptySkipped() > 0) {
            LOG.warn("Done loading RDB, {} empty keys were skipped", r.emptySkipped());
        }
        LOG.info("Done loading RDB, keys loaded: {}, keys expired: {}.", r.keysLoaded(), r.keysExpired());
        LOG.info("DB loaded from disk: {} seconds", String.format("%.3f", (System.nanoTime() - start) / 1e9));
    }

    /** Empties every database and the contributors' state (functions), as before a reload; the change counter stays. */
    public void emptyAll() {
        long d = dirty;
        server.keyspace().flushAll();
        dirty = d;
        for (PersistenceContributor c : server.persistenceContributors()) {
            c.clear();
        }
    }

    /** Whether {@code save} has at least one save point. */
    public boolean savePointsConfigured() {
        return !server.config().get("save").isBlank();
    }
}
