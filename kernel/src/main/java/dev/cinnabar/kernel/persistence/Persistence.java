package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.rdb.PersistenceContributor;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.net.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
    /** What the running command's own writes counted so far (for {@link #countChanges}). */
    private long commandChanges;
    private long lastSaveSeconds = System.currentTimeMillis() / 1000;
    private boolean lastSaveOk = true;
    private long saves;
    private long lastLoadKeysLoaded;
    private long lastLoadKeysExpired;

    public Persistence(Server server) {
        this.server = server;
        server.keyspace().changeCounter(n -> {
            dirty += n;
            commandChanges += n;
        });
    }

    /**
     * A command starts (any nesting, or a blocked command being served): its own writes count
     * from zero. Returns what the enclosing command had counted, for {@link #endCommand}.
     */
    public long beginCommand() {
        long outer = commandChanges;
        commandChanges = 0;
        return outer;
    }

    /**
     * The command begun with {@link #beginCommand} ended: back to the enclosing command's count.
     * Returns the command's own count (what Redis's {@code call()} sees as its dirty delta).
     */
    public long endCommand(long outer) {
        long own = commandChanges;
        commandChanges = outer;
        return own;
    }

    /**
     * The running command states its count ({@code CommandContext.countChanges}): what its own
     * writes counted so far is replaced by {@code n}, as Redis's commands add to
     * {@code server.dirty} themselves.
     */
    public void countChanges(long n) {
        dirty += n - commandChanges;
        commandChanges = n;
    }

    public RdbCodecs codecs() {
        return codecs;
    }

    /** {@code server.dirty}: changes since the last successful save. */
    public long dirty() {
        return dirty;
    }

    public long lastSaveSeconds() {
        return lastSaveSeconds;
    }

    public boolean lastSaveOk() {
        return lastSaveOk;
    }

    /** A save a client asked for (SAVE), counted in {@code rdb_saves} before it runs, as Redis. */
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


    /**
     * Redis's {@code rdbSave}: writes {@code temp-<pid>.rdb} in {@code dir}, fsyncs, renames it
     * over {@code dbfilename}; on success resets the change counter and the last save time.
     * Returns false (after logging why) when the file could not be written.
     */
    public boolean save() {
        cancelBackgroundSave();
        Path target = file();
        Path temp = target.resolveSibling("temp-" + ProcessHandle.current().pid() + ".rdb");
        try {
            SnapshotFile.writeNow(server.keyspace(), encoder(false), temp, KeySaveDelay.of(server.config()));
            rename(temp, target);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed saving the DB to {} (temp file {}): {}", target, temp.getFileName(), e.toString());
            deleteQuietly(temp);
            return false; // as rdbSave: a failed SAVE leaves the background save status alone
        }
        LOG.info("DB saved on disk");
        dirty = 0;
        commandChanges = 0; // a command that saves (FLUSHALL) has nothing unsaved left to restate
        lastSaveSeconds = System.currentTimeMillis() / 1000;
        lastSaveOk = true;
        return true;
    }

    /** The RDB encoding of the dataset as it is now ({@code aofBase}: as an AOF base file). */
    public SnapshotEncoder encoder(boolean aofBase) {
        return RdbFile.encoder(codecs, server.persistenceContributors(), server.config(), aofBase);
    }

    static void rename(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    // ---- background save

    /** The background save in progress, or null. */
    private BackgroundSave background;
    private long lastBgsaveSeconds = -1;
    private long lastBgsaveTryMillis;
    private final java.util.concurrent.ExecutorService saver = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cinnabar-bgsave");
        t.setDaemon(true);
        return t;
    });

    private static final class BackgroundSave {
        final long startMillis = System.currentTimeMillis();
        final long dirtyAtStart;
        BackgroundSnapshot job;

        BackgroundSave(long dirtyAtStart) {
            this.dirtyAtStart = dirtyAtStart;
        }
    }

    private boolean scheduled;

    /** {@code rdb_bgsave_scheduled}: a BGSAVE the cron starts (asked for inside MULTI/EXEC). */
    public void scheduleBackgroundSave() {
        scheduled = true;
    }

    public boolean backgroundSaveInProgress() {
        return background != null;
    }

    /** Seconds the running background save has taken so far, -1 when none runs. */
    public long currentBgsaveSeconds() {
        return background == null ? -1 : (System.currentTimeMillis() - background.startMillis) / 1000;
    }

    public long lastBgsaveSeconds() {
        return lastBgsaveSeconds;
    }

    /**
     * BGSAVE without fork ({@link BackgroundSnapshot}): the snapshot's instant is now; the
     * executor encodes the keyspace in steps of about a millisecond, the {@code cinnabar-bgsave}
     * thread writes, fsyncs and renames the file; the bookkeeping happens back on the executor.
     * Returns false when one is already running.
     */
    public boolean startBackgroundSave() {
        if (background != null) {
            return false;
        }
        lastBgsaveTryMillis = System.currentTimeMillis();
        saves++; // rdbSaveBackground counts the attempt
        BackgroundSave save = new BackgroundSave(dirty);
        background = save;
        Path target = file();
        Path temp = target.resolveSibling("temp-bg-" + ProcessHandle.current().pid() + ".rdb");
        save.job = BackgroundSnapshot.start(server.keyspace(), server.executor(), saver, encoder(false), temp, target,
                (bytes, failure) -> finishBackgroundSave(save, failure), server.config());
        LOG.info("Background saving started");
        return true;
    }

    /**
     * Runs the background-save path once while the keyspace is still empty (at start-up, before
     * the dataset loads) into a temp file that is then deleted, and encodes a string value a few
     * thousand times, so that the first BGSAVE does not load and link its classes, start its
     * thread and run interpreted code on the executor (about 15 ms of pause otherwise).
     */
    public void warmUp() {
        // the encoding of strings, the most common values, compiled before a first save needs it
        SnapshotEncoder encoder = encoder(false);
        dev.cinnabar.api.rdb.RdbWriter w = new dev.cinnabar.api.rdb.RdbWriter(1 << 16);
        byte[] key = "warm-up:key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        dev.cinnabar.api.keyspace.StringValue value = dev.cinnabar.api.keyspace.StringValue.created(
                "warm-up:value".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 20_000; i++) {
            encoder.entry(w, key, value, (i & 1) == 0 ? -1 : i, dev.cinnabar.kernel.keyspace.KeyAccess.NONE);
            if (w.size() > 60_000) {
                w.clear();
            }
        }
        Path temp;
        try {
            temp = Files.createTempFile("cinnabar-warm-up-", ".rdb");
        } catch (IOException | RuntimeException e) {
            return; // only a warm-up
        }
        BackgroundSnapshot.start(server.keyspace(), server.executor(), saver, encoder(false), temp, null,
                (bytes, failure) -> deleteQuietly(temp), server.config());
    }

    private void finishBackgroundSave(BackgroundSave save, Exception failure) {
        if (background != save) {
            return;
        }
        background = null;
        lastBgsaveSeconds = (System.currentTimeMillis() - save.startMillis) / 1000;
        if (failure != null) {
            LOG.warn("Background saving error: {}", failure.toString());
            lastSaveOk = false;
            return;
        }
        LOG.info("Background saving terminated with success");
        dirty = Math.max(0, dirty - save.dirtyAtStart);
        lastSaveSeconds = System.currentTimeMillis() / 1000;
        lastSaveOk = true;
    }

    /** Abandons a running background save (killRDBChild): its file is never renamed into place. */
    public void cancelBackgroundSave() {
        if (background != null) {
            background.job.cancel();
            background = null;
            LOG.info("Background saving cancelled");
        }
    }

    /**
     * The save points ({@code save "<seconds> <changes> ..."}), checked from the server cron as
     * Redis's {@code serverCron}: a background save starts when one point is reached, and after a
     * failed one not before 5 seconds have passed.
     */
    public void cron() {
        // never in the middle of a script that serves other clients while it runs (it is one command);
        // nor while an AOF rewrite runs: Redis has one child at a time (a scheduled BGSAVE waits)
        if (background != null || server.scriptSession().busy() || server.aof().rewriteInProgress()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (scheduled && (now - lastBgsaveTryMillis > 5000 || lastSaveOk)) {
            scheduled = false;
            startBackgroundSave();
            return;
        }
        String[] points = server.config().get("save").trim().split("\\s+");
        for (int i = 0; i + 1 < points.length; i += 2) {
            long seconds;
            long changes;
            try {
                seconds = Long.parseLong(points[i]);
                changes = Long.parseLong(points[i + 1]);
            } catch (NumberFormatException e) {
                return;
            }
            if (dirty >= changes && now / 1000 - lastSaveSeconds > seconds
                    && (now - lastBgsaveTryMillis > 5000 || lastSaveOk)) {
                LOG.info("{} changes in {} seconds. Saving...", changes, seconds);
                startBackgroundSave();
                return;
            }
        }
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
        if (missingOk && !Files.exists(f)) {
            return;
        }
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
        // loading changes nothing Redis counts (rdbLoad adds no dirty), keys replaced by MERGE included
        long d = dirty;
        long own = commandChanges;
        RdbFile.LoadResult r;
        try {
            r = RdbFile.load(data, server.keyspace(), codecs, server.persistenceContributors(), ctx,
                    server.config(), System.currentTimeMillis(), merge, server.loading()::progress);
        } finally {
            dirty = d;
            commandChanges = own;
        }
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
        cancelBackgroundSave();
        long d = dirty;
        long own = commandChanges;
        server.keyspace().flushAll();
        dirty = d;
        commandChanges = own;
        for (PersistenceContributor c : server.persistenceContributors()) {
            c.clear();
        }
    }

    /**
     * {@code writeCommandsDeniedByDiskError}: {@code stop-writes-on-bgsave-error yes}, save points
     * configured and the last background save failed.
     */
    public boolean writesDenied() {
        return !lastSaveOk && server.config().getBoolean("stop-writes-on-bgsave-error") && savePointsConfigured();
    }

    /** Whether {@code save} has at least one save point. */
    public boolean savePointsConfigured() {
        return !server.config().get("save").isBlank();
    }
}
