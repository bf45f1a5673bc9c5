package dev.cinnabar.kernel.exec;

import dev.cinnabar.api.command.BlockedCommand;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.keyspace.Keyspace;
import dev.cinnabar.kernel.net.Client;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients parked by a blocking command ({@code BLPOP}, {@code BLMOVE}, {@code BZPOPMIN}...), as
 * Redis's {@code blocked.c} keeps them: per (database, key) a FIFO queue of waiting clients, a
 * set of keys signalled ready, timeouts, and the count INFO reports as {@code blocked_clients}.
 * Executor-thread only.
 *
 * <p>Keys become ready through the keyspace's modification hook rather than an explicit signal
 * from the push commands: every write of a key a client waits on counts, so {@code RENAME},
 * {@code MOVE}, {@code COPY}, {@code RESTORE} onto a waited-for key, and {@code SWAPDB} or a
 * flush, wake clients as Redis's {@code signalKeyAsReady} in {@code dbAdd} and
 * {@code scanDatabaseForReadyKeys} do; the blocked command then decides whether the key holds
 * something for it. While nobody is blocked the hook costs one emptiness check.
 *
 * <p>Ready keys are served by {@link #serveReadyKeys()}, which the dispatcher calls after each
 * top-level command; whoever runs commands outside the dispatcher (a script thread) must call it
 * when done, so that a whole transaction or script is seen as one write, as in Redis.
 */
public final class BlockedClients implements Keyspace.ModificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(BlockedClients.class);

    /** A key of one database, usable as a map key. */
    private record DbKey(int db, byte[] key, int hash) {
        static DbKey of(int db, byte[] key) {
            return new DbKey(db, key, 31 * db + Arrays.hashCode(key));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DbKey k && k.db == db && k.hash == hash && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One parked client. */
    private static final class Waiter {
        final Client client;
        final ClientContext context;
        final List<DbKey> keys;
        final BlockedCommand command;
        ScheduledFuture<?> timeout;

        Waiter(Client client, ClientContext context, List<DbKey> keys, BlockedCommand command) {
            this.client = client;
            this.context = context;
            this.keys = keys;
            this.command = command;
        }
    }

    private final Server server;
    private final Map<DbKey, ArrayDeque<Waiter>> byKey = new HashMap<>();
    private final Map<Client, Waiter> byClient = new IdentityHashMap<>();
    private final LinkedHashSet<DbKey> readyKeys = new LinkedHashSet<>();

    public BlockedClients(Server server) {
        this.server = server;
    }

    /** {@code blocked_clients} in INFO. */
    public int count() {
        return byClient.size();
    }

    /** Whether a parked client waits on a command whose code lives in {@code layer} (PLUGIN UNLOAD refuses then). */
    public boolean anyBlockedBy(ModuleLayer layer) {
        for (Waiter w : byClient.values()) {
            if (w.command.getClass().getModule().getLayer() == layer) {
                return true;
            }
        }
        return false;
    }

    public boolean isBlocked(Client client) {
        return byClient.containsKey(client);
    }

    /** Parks {@code ctx}'s client on {@code keys} of its current database. */
    void block(ClientContext ctx, List<byte[]> keys, long timeoutMillis, BlockedCommand command) {
        Client client = ctx.connection();
        if (byClient.containsKey(client)) {
            throw new IllegalStateException("client " + client.id() + " is already blocked");
        }
        int db = client.database();
        List<DbKey> dbKeys = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            DbKey dk = DbKey.of(db, k);
            if (!dbKeys.contains(dk)) { // BLPOP k k 0 waits once on k
                dbKeys.add(dk);
            }
        }
        Waiter w = new Waiter(client, ctx, dbKeys, command);
        for (DbKey dk : dbKeys) {
            byKey.computeIfAbsent(dk, x -> new ArrayDeque<>()).addLast(w);
        }
        byClient.put(client, w);
        client.blocked(true);
        if (timeoutMillis > 0) {
            w.timeout = server.executor().schedule(() -> timedOut(w), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void modified(int db, byte[] key) {
        if (byKey.isEmpty()) {
            return;
        }
        DbKey dk = DbKey.of(db, key);
        if (byKey.containsKey(dk)) {
            readyKeys.add(dk);
        }
    }

    @Override
    public void databaseChanged(int db) {
        for (DbKey dk : byKey.keySet()) {
            if (dk.db == db) {
                readyKeys.add(dk);
            }
        }
    }

    public boolean hasReadyKeys() {
        return !readyKeys.isEmpty();
    }

    /**
     * Offers every ready key to the clients waiting on it, oldest first, until none is left; a
     * served command that writes another waited-for key ({@code BLMOVE}) makes that key ready in
     * turn, as Redis's {@code handleClientsBlockedOnKeys} loops.
     */
    public void serveReadyKeys() {
        while (!readyKeys.isEmpty()) {
            Iterator<DbKey> it = readyKeys.iterator();
            DbKey dk = it.next();
            it.remove();
            ArrayDeque<Waiter> queue = byKey.get(dk);
            if (queue == null) {
                continue;
            }
            for (Waiter w : queue.toArray(new Waiter[0])) {
                if (byClient.get(w.client) == w) {
                    tryServe(w, dk.key);
                }
            }
        }
    }

    private void tryServe(Waiter w, byte[] key) {
        server.keyspace().freezeClock(System.currentTimeMillis());
        boolean[] served = {false};
        w.client.deliverIf(sink -> {
            server.propagator().enter();
            long outerChanges = server.persistence().beginCommand();
            try {
                served[0] = w.command.serve(w.context, key, sink);
            } catch (CommandException e) {
                sink.error(e.errorText());
                served[0] = true;
            } catch (RuntimeException e) {
                LOG.warn("Blocked command '{}' failed unexpectedly", w.context.commandName(), e);
                sink.error("ERR internal error while executing '" + w.context.commandName() + "': "
                        + e.getClass().getSimpleName());
                served[0] = true;
            } finally {
                server.persistence().endCommand(outerChanges);
                server.propagator().exitServed(w.client, w.context.command(), w.context.argv());
            }
            return served[0];
        });
        if (served[0]) {
            unblock(w);
        }
    }

    private void timedOut(Waiter w) {
        if (byClient.get(w.client) != w) {
            return;
        }
        w.timeout = null;
        unblock(w);
        w.client.deliverIf(sink -> {
            w.command.timedOut(sink);
            return true;
        });
    }

    /**
     * {@code CLIENT UNBLOCK}: ends a client's wait with its timeout reply or with
     * {@code -UNBLOCKED client unblocked via CLIENT UNBLOCK}; whether it was blocked.
     */
    public boolean unblockByRequest(Client client, boolean withError) {
        Waiter w = byClient.get(client);
        if (w == null) {
            return false;
        }
        unblock(w);
        client.deliverIf(sink -> {
            if (withError) {
                sink.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
            } else {
                w.command.timedOut(sink);
            }
            return true;
        });
        return true;
    }

    /** Forgets a client that disconnected while blocked. */
    public void disconnected(Client client) {
        Waiter w = byClient.get(client);
        if (w != null) {
            unblock(w);
        }
    }

    private void unblock(Waiter w) {
        byClient.remove(w.client);
        for (DbKey dk : w.keys) {
            ArrayDeque<Waiter> queue = byKey.get(dk);
            if (queue != null) {
                queue.remove(w);
                if (queue.isEmpty()) {
                    byKey.remove(dk);
                }
            }
        }
        if (w.timeout != null) {
            w.timeout.cancel(false);
            w.timeout = null;
        }
        w.client.blocked(false);
    }
}
