package dev.cinnabar.kernel.aof;

import dev.cinnabar.api.rdb.PersistenceContributor;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.persistence.BackgroundSnapshot;
import dev.cinnabar.kernel.persistence.SnapshotEncoder;
import dev.cinnabar.kernel.persistence.SnapshotFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Redis 7.0's multi-part append-only file: the manifest, the base and incr files in
 * {@code dir}/{@code appenddirname}, the write buffer and its fsync policy, background rewrites
 * and loading. Executor thread only, except the fsync and rewrite threads noted below. See the
 * package documentation.
 */
public final class AppendOnlyFile {

    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyFile.class);

    enum State { OFF, ON, WAIT_REWRITE }

    private final Server server;
    private State state = State.OFF;
    private AofManifest manifest;
    private FileChannel incr;
    /** Bytes propagated and not yet written to the incr file (Redis's {@code aof_buf}). */
    private byte[] buf = new byte[1 << 16];
    private int bufLen;
    private int selectedDb = -1;
    private long currentSize;
    private long baseSize;
    private long rewriteBaseSize;
    private boolean lastWriteOk = true;
    /** Why the last write failed (strerror's text, as Redis reports it). */
    private String lastWriteError;
    private volatile boolean fsyncFailed;
    /** Written since the last fsync was started (Redis's aof_fsync_offset != aof_current_size). */
    private boolean unsynced;
    private volatile String fsyncError;
    private final AtomicBoolean fsyncPending = new AtomicBoolean();
    private long lastFsyncMillis = System.currentTimeMillis();
    private long delayedFsync;
    private boolean loading;

    private final ExecutorService fsyncThread = Executors.newSingleThreadExecutor(r -> daemon(r, "cinnabar-aof-fsync"));
    private final ExecutorService rewriteThread = Executors.newSingleThreadExecutor(r -> daemon(r, "cinnabar-aof-rewrite"));

    // rewrite state
    private Rewrite rewrite;
    private boolean rewriteScheduled;
    private long lastRewriteSeconds = -1;
    private boolean lastRewriteOk = true;
    private long rewrites;
    private long consecutiveFailures;

    private static final class Rewrite {
        final long startMillis = System.currentTimeMillis();
        /** The state when it started: an enabling rewrite (WAIT_REWRITE) ends differently. */
        final State startedIn;
        BackgroundSnapshot snapshot;

        Rewrite(State startedIn) {
            this.startedIn = startedIn;
        }
    }

    public AppendOnlyFile(Server server) {
        this.server = server;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---- names

    String fileName() {
        return server.config().get("appendfilename");
    }

    public Path directory() {
        return Path.of(server.config().get("dir")).resolve(server.config().get("appenddirname"));
    }

    private Path manifestPath() {
        return directory().resolve(fileName() + ".manifest");
    }

    private boolean preamble() {
        return server.config().getBoolean("aof-use-rdb-preamble");
    }

    // ---- state for INFO

    public boolean enabled() {
        return state != State.OFF;
    }

    public boolean on() {
        return state == State.ON;
    }

    public boolean loading() {
        return loading;
    }

    public boolean rewriteInProgress() {
        return rewrite != null;
    }

    public boolean rewriteScheduled() {
        return rewriteScheduled;
    }

    public long lastRewriteSeconds() {
        return lastRewriteSeconds;
    }

    public long currentRewriteSeconds() {
        return rewrite == null ? -1 : (System.currentTimeMillis() - rewrite.startMillis) / 1000;
    }

    public boolean lastRewriteOk() {
        return lastRewriteOk;
    }

    public long rewrites() {
        return rewrites;
    }

    public long consecutiveFailures() {
        return consecutiveFailures;
    }

    public boolean lastWriteOk() {
        return lastWriteOk && !fsyncFailed;
    }

    /**
     * Redis's {@code writeCommandsDeniedByDiskError} for the AOF: while the AOF is on and its last
     * write or background fsync failed, the reason; otherwise null.
     */
    public String diskError() {
        if (state == State.OFF) {
            return null;
        }
        if (!lastWriteOk) {
            return lastWriteError;
        }
        return fsyncFailed ? fsyncError : null;
    }

    public long currentSize() {
        return currentSize + bufLen;
    }

    public long baseSize() {
        return baseSize;
    }

    public long bufferLength() {
        return bufLen;
    }

    public boolean fsyncPending() {
        return fsyncPending.get();
    }

    public long delayedFsync() {
        return delayedFsync;
    }

    // ---- feeding (Redis's feedAppendOnlyFile)

    /** Appends one command for database {@code db} (-1: no SELECT needed, MULTI/EXEC). */
    public void feed(int db, byte[][] argv) {
        if (state == State.OFF || loading) {
            return;
        }
        if (server.config().getBoolean("aof-timestamp-enabled")) {
            byte[] ts = timestampAnnotation(false);
            if (ts != null) {
                ensure(ts.length);
                System.arraycopy(ts, 0, buf, bufLen, ts.length);
                bufLen += ts.length;
            }
        }
        if (db >= 0 && db != selectedDb) {
            byte[] d = Integer.toString(db).getBytes(StandardCharsets.US_ASCII);
            appendCommand(new byte[][]{SELECT, d});
            selectedDb = db;
        }
        appendCommand(argv);
    }

    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);

    /** The second of the last {@code #TS:} annotation written. */
    private long annotatedSecond;

    /**
     * Redis's {@code genAofTimestampAnnotationIfNeeded}: {@code #TS:<unix seconds>} when the second
     * changed since the last one (or {@code force}), else null.
     */
    byte[] timestampAnnotation(boolean force) {
        long now = System.currentTimeMillis() / 1000;
        if (!force && annotatedSecond >= now) {
            return null;
        }
        annotatedSecond = now;
        return ("#TS:" + now + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void appendCommand(byte[][] argv) {
        ensure(16 + argv.length * 16);
        bufLen = putHeader('*', argv.length);
        for (byte[] a : argv) {
            ensure(a.length + 32);
            bufLen = putHeader('$', a.length);
            System.arraycopy(a, 0, buf, bufLen, a.length);
            bufLen += a.length;
            buf[bufLen++] = '\r';
            buf[bufLen++] = '\n';
        }
    }

    private int putHeader(char c, long n) {
        int p = bufLen;
        buf[p++] = (byte) c;
        String s = Long.toString(n);
        for (int i = 0; i < s.length(); i++) {
            buf[p++] = (byte) s.charAt(i);
        }
        buf[p++] = '\r';
        buf[p++] = '\n';
        return p;
    }

    private void ensure(int more) {
        if (bufLen + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + more));
        }
    }

    /**
     * Redis's {@code flushAppendOnlyFile}, called before replies go out: writes the buffer to the
     * incr file and, with {@code appendfsync always}, fsyncs it before returning, so no reply
     * acknowledges a write that is not on disk. With {@code everysec} an fsync is handed to the
     * fsync thread at most once a second.
     */
    public void flush() {
        if (bufLen == 0 && !(unsynced && state != State.OFF && everysec() && System.currentTimeMillis() - lastFsyncMillis >= 1000)) {
            return;
        }
        if (incr == null) {
            bufLen = 0;
            return;
        }
        if (bufLen > 0) {
            long before = -1;
            try {
                before = incr.size();
                ByteBuffer b = ByteBuffer.wrap(buf, 0, bufLen);
                while (b.hasRemaining()) {
                    incr.write(b);
                }
                currentSize += bufLen;
                bufLen = 0;
                if (buf.length > (1 << 22)) {
                    buf = new byte[1 << 16];
                }
                unsynced = true;
                if (!lastWriteOk) {
                    LOG.warn("AOF write error looks solved, Redis can write again.");
                }
                lastWriteOk = true;
            } catch (IOException e) {
                writeFailed(e, before);
                return;
            }
        }
        // no-appendfsync-on-rewrite: no fsync while a background save or rewrite writes (Redis: while a child runs)
        if ((rewrite != null || server.persistence().backgroundSaveInProgress())
                && server.config().getBoolean("no-appendfsync-on-rewrite")) {
            return;
        }
        String policy = server.config().get("appendfsync");
        long now = System.currentTimeMillis();
        if (policy.equals("always")) {
            try {
                incr.force(false);
                unsynced = false;
                lastFsyncMillis = now;
            } catch (IOException e) {
                LOG.warn("Can't persist AOF for fsync error when the AOF fsync policy is 'always': {}. Exiting...", e.toString());
                Runtime.getRuntime().halt(1);
            }
        } else if (policy.equals("everysec") && unsynced && now - lastFsyncMillis >= 1000) {
            if (fsyncPending.compareAndSet(false, true)) {
                unsynced = false;
                FileChannel ch = incr;
                lastFsyncMillis = now;
                fsyncThread.execute(() -> {
                    try {
                        ch.force(false);
                        fsyncFailed = false;
                    } catch (IOException e) {
                        fsyncError = strerror(e);
                        fsyncFailed = true;
                    } finally {
                        fsyncPending.set(false);
                    }
                });
            } else {
                delayedFsync++;
            }
        }
    }

    /**
     * As Redis's flushAppendOnlyFile on a failed write: with {@code appendfsync always} the server
     * exits (a reply may not acknowledge a write that is not on disk); otherwise a short write is
     * cut off again, the buffer kept for the cron's retry, and writes are refused meanwhile.
     */
    private void writeFailed(IOException e, long before) {
        String reason = strerror(e);
        if (server.config().get("appendfsync").equals("always")) {
            LOG.warn("Error writing to the AOF file: {}", reason);
            LOG.warn("Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...");
            Runtime.getRuntime().halt(1);
        }
        if (lastWriteOk) {
            LOG.warn("Error writing to the AOF file: {}", reason);
        }
        if (before >= 0) {
            try {
                if (incr.size() > before) {
                    incr.truncate(before);
                }
            } catch (IOException t) {
                LOG.warn("Could not remove short write from the append-only file. Redis may refuse to load the AOF the "
                        + "next time it starts. ftruncate: {}", strerror(t));
            }
        }
        lastWriteOk = false;
        lastWriteError = reason;
    }

    /** The C library's text for an I/O error (the JDK's messages for file errors are strerror's). */
    private static String strerror(IOException e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? "Input/output error" : m;
    }

    private boolean everysec() {
        return server.config().get("appendfsync").equals("everysec");
    }

    /** Writes and fsyncs everything (SHUTDOWN, disabling, switching files). */
    public void flushAndSync() {
        flush();
        if (incr != null) {
            try {
                incr.force(false);
            } catch (IOException e) {
                LOG.warn("Error fsyncing the AOF file: {}", e.toString());
            }
        }
    }

    // ---- start-up

    /**
     * At start-up with {@code appendonly yes}: loads the AOF the manifest lists, or, when there is
     * none, writes an empty base; then opens the last incr file (or a new one) for appending.
     * Throws with the fatal message when the AOF cannot be loaded.
     */
    public void startUp() throws IOException {
        Path dir = directory();
        Files.createDirectories(dir);
        Path mp = manifestPath();
        migrateOldStyleFile(dir, mp);
        if (Files.exists(mp)) {
            manifest = readManifest();
            new AofLoader(server, this).loadAll(dir, manifest);
            currentSize = 0;
            if (manifest.base != null) {
                currentSize += Files.size(dir.resolve(manifest.base.name()));
            }
            for (AofManifest.Entry e : manifest.incrs) {
                currentSize += Files.size(dir.resolve(e.name()));
            }
            baseSize = manifest.base == null ? 0 : Files.size(dir.resolve(manifest.base.name()));
            rewriteBaseSize = currentSize;
        } else {
            manifest = new AofManifest();
            LOG.info("Creating AOF base file {} on server start", baseName(1));
            writeBaseNow(1);
        }
        state = State.ON;
        if (manifest.incrs.isEmpty()) {
            openNewIncr();
        } else {
            AofManifest.Entry last = manifest.incrs.get(manifest.incrs.size() - 1);
            incr = FileChannel.open(dir.resolve(last.name()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        selectedDb = -1;
    }

    /**
     * Redis 7.0's {@code aofUpgradePrepare}: a single-file AOF of an older Redis ({@code dir}/{@code
     * appendfilename}) moves into the AOF directory under its own name and becomes the base (seq 1)
     * of a new manifest, so it loads as before and is kept. As Redis, when there is no manifest yet,
     * or when the manifest lists just that file as base and it is not in the directory (a migration
     * cut short between writing the manifest and moving the file, which is the order used here too).
     */
    private void migrateOldStyleFile(Path dir, Path manifestFile) throws IOException {
        Path old = Path.of(server.config().get("dir")).resolve(fileName());
        if (!Files.isRegularFile(old)) {
            return;
        }
        if (Files.exists(manifestFile)) {
            AofManifest listed = readManifest();
            boolean cutShort = listed.base != null && listed.incrs.isEmpty() && listed.base.name().equals(fileName())
                    && !Files.exists(dir.resolve(fileName()));
            if (!cutShort) {
                return;
            }
        }
        AofManifest m = new AofManifest();
        m.base = new AofManifest.Entry(fileName(), 1, AofManifest.Type.BASE);
        m.currentBaseSeq = 1;
        manifest = m;
        persistManifest();
        rename(old, dir.resolve(fileName()));
        LOG.info("Successfully migrated an old-style AOF file ({}) into the AOF directory ({}).", fileName(),
                server.config().get("appenddirname"));
    }

    AofManifest readManifest() throws IOException {
        try {
            return AofManifest.parse(Files.readAllBytes(manifestPath()));
        } catch (AofManifest.Invalid e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private String baseName(long seq) {
        return fileName() + "." + seq + ".base." + (preamble() ? "rdb" : "aof");
    }

    private String incrName(long seq) {
        return fileName() + "." + seq + ".incr.aof";
    }

    /** Writes a base file from the dataset as it is now, synchronously, and makes it the manifest's base. */
    private void writeBaseNow(long seq) throws IOException {
        String name = baseName(seq);
        long size = SnapshotFile.writeNow(server.keyspace(), baseEncoder(preamble(), true), directory().resolve(name),
                server.config().getLong("rdb-key-save-delay"));
        manifest.base = new AofManifest.Entry(name, seq, AofManifest.Type.BASE);
        manifest.currentBaseSeq = seq;
        baseSize = size;
        currentSize = size;
        rewriteBaseSize = currentSize;
        persistManifest();
    }

    /**
     * A base file's encoding: an RDB with the aof-base mark, or commands. {@code now}: written at
     * once (by Redis's main process), so its timestamp annotation counts for the incr file's next.
     */
    private SnapshotEncoder baseEncoder(boolean rdb, boolean now) {
        if (rdb) {
            return server.persistence().encoder(true);
        }
        byte[] ts = null;
        if (server.config().getBoolean("aof-timestamp-enabled")) {
            long remembered = annotatedSecond;
            ts = timestampAnnotation(true);
            if (!now) {
                annotatedSecond = remembered; // Redis's child writes it: the parent's clock of annotations is its own
            }
        }
        return BaseCommands.encoder(server.persistence().codecs(), ts, contributorCommands(), server.config());
    }

    private List<byte[][]> contributorCommands() {
        List<byte[][]> out = new ArrayList<>();
        for (PersistenceContributor c : server.persistenceContributors()) {
            c.rewrite(out::add);
        }
        return out;
    }

    private void openNewIncr() throws IOException {
        long seq = manifest.currentIncrSeq + 1;
        String name = incrName(seq);
        FileChannel ch = FileChannel.open(directory().resolve(name), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        AofManifest next = manifest.copy();
        next.incrs.add(new AofManifest.Entry(name, seq, AofManifest.Type.INCR));
        next.currentIncrSeq = seq;
        AofManifest old = manifest;
        manifest = next;
        try {
            persistManifest();
        } catch (IOException e) {
            manifest = old;
            ch.close();
            throw e;
        }
        if (incr != null) {
            incr.close();
        }
        incr = ch;
        selectedDb = -1;
    }

    private void persistManifest() throws IOException {
        Path temp = directory().resolve("temp-" + fileName() + ".manifest");
        writeSynced(temp, manifest.format());
        rename(temp, manifestPath());
    }

    static void writeSynced(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    static void rename(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---- CONFIG SET appendonly

    /** {@code CONFIG SET appendonly yes|no} at run time. */
    public void configChanged(boolean yes) {
        if (yes && state == State.OFF) {
            try {
                Files.createDirectories(directory());
                manifest = Files.exists(manifestPath()) ? readManifest() : new AofManifest();
            } catch (IOException | IllegalStateException e) {
                LOG.warn("Redis needs to enable the AOF but can't open the manifest: {}", e.toString());
                return;
            }
            state = State.WAIT_REWRITE;
            if (server.persistence().backgroundSaveInProgress() || rewrite != null) {
                rewriteScheduled = true;
                LOG.info("AOF was enabled but there is already another background operation. An AOF background was scheduled to start when possible.");
            } else if (!startRewrite()) {
                state = State.OFF;
                LOG.warn("Redis needs to enable the AOF but can't trigger a background AOF rewrite operation.");
            }
        } else if (!yes && state != State.OFF) {
            flushAndSync();
            cancelRewrite();
            closeIncr();
            state = State.OFF;
            rewriteScheduled = false;
        }
    }

    private void closeIncr() {
        if (incr != null) {
            try {
                incr.close();
            } catch (IOException ignored) {
                // closing only
            }
            incr = null;
        }
    }

    // ---- rewrite (BGREWRITEAOF)

    /**
     * Redis's {@code rewriteAppendOnlyFileBackground} without fork: a new incr file is opened first
     * (so everything from now on lands after the snapshot), the dataset is captured with the RDB
     * helper's copy-on-write, and the base is written on the rewrite thread; the manifest switch
     * and removal of the history happen back on the executor. Returns false when it could not start.
     */
    public boolean startRewrite() {
        if (rewrite != null) {
            return false;
        }
        try {
            Files.createDirectories(directory());
            if (manifest == null) {
                manifest = Files.exists(manifestPath()) ? readManifest() : new AofManifest();
            }
            if (state == State.ON) {
                flushAndSync();
                openNewIncr();
            } else if (state == State.WAIT_REWRITE) {
                // the writes of the rewrite's time go to the temp incr, renamed when it ends
                closeIncr();
                incr = FileChannel.open(directory().resolve("temp-" + fileName() + ".incr"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                selectedDb = -1;
            }
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Can't rewrite append only file in background: {}", e.toString());
            lastRewriteOk = false;
            return false;
        }
        rewriteScheduled = false;
        boolean rdb = preamble();
        Rewrite job = new Rewrite(state);
        rewrite = job;
        Path temp = Path.of(server.config().get("dir")).resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
        LOG.info("Background append only file rewriting started");
        job.snapshot = BackgroundSnapshot.start(server.keyspace(), server.executor(), rewriteThread, baseEncoder(rdb, false), temp,
                null, (size, failure) -> finishRewrite(job, temp, rdb, size, failure), server.config());
        return true;
    }

    private void finishRewrite(Rewrite job, Path temp, boolean rdb, long size, Exception failure) {
        if (rewrite != job) {
            deleteQuietly(temp);
            return;
        }
        rewrite = null;
        lastRewriteSeconds = (System.currentTimeMillis() - job.startMillis) / 1000;
        List<AofManifest.Entry> toDelete = new ArrayList<>();
        if (failure == null) {
            try {
                flushAndSync();
                long seq = manifest.currentBaseSeq + 1;
                String name = fileName() + "." + seq + ".base." + (rdb ? "rdb" : "aof");
                AofManifest next = manifest.copy();
                if (next.base != null) {
                    next.history.add(new AofManifest.Entry(next.base.name(), next.base.seq(), AofManifest.Type.HISTORY));
                }
                next.base = new AofManifest.Entry(name, seq, AofManifest.Type.BASE);
                next.currentBaseSeq = seq;
                if (job.startedIn == State.WAIT_REWRITE) {
                    for (AofManifest.Entry e : next.incrs) {
                        next.history.add(new AofManifest.Entry(e.name(), e.seq(), AofManifest.Type.HISTORY));
                    }
                    next.incrs.clear();
                    long iseq = next.currentIncrSeq + 1;
                    String iname = incrName(iseq);
                    rename(directory().resolve("temp-" + fileName() + ".incr"), directory().resolve(iname));
                    next.incrs.add(new AofManifest.Entry(iname, iseq, AofManifest.Type.INCR));
                    next.currentIncrSeq = iseq;
                } else if (job.startedIn == State.ON) {
                    // every incr but the one opened at the snapshot point is history now
                    List<AofManifest.Entry> keep = new ArrayList<>();
                    AofManifest.Entry last = next.incrs.get(next.incrs.size() - 1);
                    for (AofManifest.Entry e : next.incrs) {
                        if (e != last) {
                            next.history.add(new AofManifest.Entry(e.name(), e.seq(), AofManifest.Type.HISTORY));
                        }
                    }
                    keep.add(last);
                    next.incrs.clear();
                    next.incrs.addAll(keep);
                } else {
                    for (AofManifest.Entry e : next.incrs) {
                        next.history.add(new AofManifest.Entry(e.name(), e.seq(), AofManifest.Type.HISTORY));
                    }
                    next.incrs.clear();
                }
                rename(temp, directory().resolve(name));
                AofManifest old = manifest;
                manifest = next;
                try {
                    persistManifest();
                } catch (IOException e) {
                    manifest = old;
                    throw e;
                }
                toDelete.addAll(manifest.history);
                state = job.startedIn == State.WAIT_REWRITE ? State.ON : state;
                baseSize = size;
                currentSize = size;
                for (AofManifest.Entry e : manifest.incrs) {
                    currentSize += Files.size(directory().resolve(e.name()));
                }
                rewriteBaseSize = currentSize;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            LOG.warn("Background AOF rewrite failed: {}", failure.toString());
            deleteQuietly(temp);
            lastRewriteOk = false;
            consecutiveFailures++;
            return;
        }
        LOG.info("Background AOF rewrite terminated with success");
        for (AofManifest.Entry e : toDelete) {
            LOG.info("Removing the history file {} in the background", e.name());
            Path history = directory().resolve(e.name());
            rewriteThread.execute(() -> deleteQuietly(history)); // unlinking a large file takes a while
        }
        manifest.history.clear();
        try {
            persistManifest();
        } catch (IOException e) {
            LOG.warn("Error persisting the AOF manifest: {}", e.toString());
        }
        LOG.info("Background AOF rewrite finished successfully");
        lastRewriteOk = true;
        consecutiveFailures = 0;
        rewrites++;
    }

    /** Abandons a running rewrite (killAppendOnlyChild). */
    public void cancelRewrite() {
        if (rewrite != null) {
            rewrite.snapshot.cancel();
            rewrite = null;
            LOG.info("Killing running AOF rewrite child");
        }
    }

    /** BGREWRITEAOF scheduled for the cron (another background job was running, or inside MULTI). */
    public void scheduleRewrite() {
        rewriteScheduled = true;
    }

    /** From the server cron: scheduled and automatic rewrites, and the once-a-second fsync. */
    public void cron() {
        if (state != State.OFF) {
            flush();
        }
        if (rewrite != null || server.persistence().backgroundSaveInProgress()) {
            return;
        }
        if (rewriteScheduled) {
            if (!startRewrite() && state == State.WAIT_REWRITE) {
                state = State.OFF;
            }
            return;
        }
        long perc = server.config().getLong("auto-aof-rewrite-percentage");
        long min = server.config().getLong("auto-aof-rewrite-min-size");
        long size = currentSize();
        if (state == State.ON && perc > 0 && size > min) {
            long base = rewriteBaseSize > 0 ? rewriteBaseSize : 1;
            long growth = size * 100 / base - 100;
            if (growth >= perc) {
                LOG.info("Starting automatic rewriting of AOF on {}% growth", growth);
                startRewrite();
            }
        }
    }

    /** SHUTDOWN and the end of the process: everything written and fsynced. */
    public void shutdown() {
        if (state != State.OFF) {
            flushAndSync();
            LOG.info("Calling fsync() on the AOF file.");
        }
        cancelRewrite();
    }

    /** DEBUG LOADAOF: writes what is buffered, empties the dataset and loads the AOF again. */
    public void reload() throws IOException {
        flushAndSync();
        server.persistence().emptyAll();
        manifest = readManifest();
        new AofLoader(server, this).loadAll(directory(), manifest);
    }

    void loading(boolean on) {
        loading = on;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
