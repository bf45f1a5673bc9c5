package dev.cinnabar.kernel.persistence;

import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.net.BusyIo;

import java.util.concurrent.locks.LockSupport;

/**
 * The dataset being loaded (Redis's {@code server.loading}), at start-up (the listeners are already
 * bound) or by DEBUG RELOAD / DEBUG LOADAOF: every {@code loading-process-events-interval-bytes} of input the network is served
 * from the loader's own progress calls (Redis's {@code processEventsWhileBlocked} in {@code rdbLoadProgressCallback}),
 * so clients get {@code -LOADING Redis is loading the dataset in memory} for commands without the
 * {@code loading} flag instead of waiting on a silent socket. Also the INFO fields of a load in
 * progress, and Redis's hidden {@code key-load-delay} (microseconds per key, for tests). Executor
 * only.
 */
public final class Loading {

    public static final String ERROR = "LOADING Redis is loading the dataset in memory";


    private final Server server;
    private boolean active;
    private long startSeconds;
    private long totalBytes;
    private long loadedBytes;
    private long startNanos;
    private boolean caughtUp;
    /** the two settings, read once per load: the progress call runs for every key */
    private long keyLoadDelay;
    private long interval;
    /** The connection of the client whose command loads (DEBUG RELOAD), left unread meanwhile; or null. */
    private io.netty.channel.Channel caller;

    public Loading(Server server) {
        this.server = server;
    }

    /** True while a load runs. */
    public boolean active() {
        return active;
    }

    /** Starts a load of {@code totalBytes} (the sizes of the files to read). */
    public void begin(long totalBytes) {
        this.active = true;
        this.totalBytes = totalBytes;
        this.loadedBytes = 0;
        this.startSeconds = System.currentTimeMillis() / 1000;
        this.startNanos = System.nanoTime();
        this.caughtUp = false;
        this.keyLoadDelay = server.config().getLong("key-load-delay");
        this.interval = server.config().getLong("loading-process-events-interval-bytes");
    }

    /**
     * Starts a load that a client's command runs (DEBUG RELOAD, DEBUG LOADAOF): the others are
     * served as at start-up, and the caller's own connection is left unread until {@link #end}.
     */
    public void beginFor(io.netty.channel.Channel caller, long totalBytes) {
        begin(totalBytes);
        this.caller = caller;
    }

    public void end() {
        active = false;
        if (caller != null && caughtUp) {
            caller.config().setAutoRead(true);
        }
        caller = null;
    }

    /** Called by the loaders after each key or command; {@code bytes} more of the input are done. */
    public void progress(long bytes) {
        if (!active) {
            return;
        }
        long before = loadedBytes;
        loadedBytes += bytes;
        if (keyLoadDelay > 0) {
            LockSupport.parkNanos(keyLoadDelay * 1000);
        }
        // as Redis's rdbLoadProgressCallback: the network is served each time the load crosses
        // another loading-process-events-interval-bytes (2 MB by default)
        if (interval <= 0 || before / interval == loadedBytes / interval) {
            return;
        }
        BusyIo io = server.network().busyIo();
        if (io == null) {
            return;
        }
        if (!caughtUp) {
            caughtUp = true;
            if (caller != null) {
                caller.config().setAutoRead(false);
            }
            server.dispatcher().serveWhileBusy(() -> server.network().catchUpWhileBusy(caller));
        }
        server.dispatcher().serveWhileBusy(io::pump);
    }

    /** The INFO persistence fields Redis adds while it loads. */
    public java.util.Map<String, String> info() {
        java.util.Map<String, String> field = new java.util.LinkedHashMap<>();
        long elapsed = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
        double perc = totalBytes > 0 ? 100.0 * loadedBytes / totalBytes : 0;
        long eta = loadedBytes > 0 ? (long) ((totalBytes - loadedBytes) * (elapsed / 1000.0) / loadedBytes) : 1;
        field.put("loading_start_time", Long.toString(startSeconds));
        field.put("loading_total_bytes", Long.toString(totalBytes));
        field.put("loading_rdb_used_mem", "0");
        field.put("loading_loaded_bytes", Long.toString(loadedBytes));
        field.put("loading_loaded_perc", String.format("%.2f", perc));
        field.put("loading_eta_seconds", Long.toString(eta));
        return field;
    }
}
