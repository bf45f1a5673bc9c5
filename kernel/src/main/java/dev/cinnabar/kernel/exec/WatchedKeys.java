package dev.cinnabar.kernel.exec;

import dev.cinnabar.kernel.keyspace.KernelDatabase;
import dev.cinnabar.kernel.keyspace.Keyspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys clients WATCH, per (database, key) the watches on it in the order they were made, as
 * Redis's {@code db->watched_keys}; a write to a watched key, its expiry, or a flush or swap of
 * its database marks the watchers' transactions dirty ({@code touchWatchedKey},
 * {@code touchAllWatchedKeysInDb} in {@code multi.c}). Reads never do. While nobody watches, the
 * modification hook costs one emptiness check. Executor-thread only.
 */
public final class WatchedKeys implements Keyspace.ModificationListener {

    /** One client's watch on one key. */
    static final class Watch {
        final MultiState owner;
        final DbKey key;
        /** The key was already expired (but not yet deleted) when WATCH was called. */
        boolean expired;

        Watch(MultiState owner, DbKey key, boolean expired) {
            this.owner = owner;
            this.key = key;
            this.expired = expired;
        }
    }

    /** A key of one database, usable as a map key. */
    record DbKey(int db, byte[] key, int hash) {
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

    private final Keyspace keyspace;
    private final Map<DbKey, List<Watch>> byKey = new HashMap<>();

    public WatchedKeys(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** WATCH of one key in database {@code db}; watching a key twice keeps one watch. */
    public void watch(MultiState state, int db, byte[] key) {
        DbKey dk = DbKey.of(db, key);
        for (Watch w : state.watches) {
            if (w.key.equals(dk)) {
                return;
            }
        }
        Watch w = new Watch(state, dk, keyspace.db(db).holdsExpired(key));
        byKey.computeIfAbsent(dk, k -> new ArrayList<>(2)).add(w);
        state.watches.add(w);
    }

    /** Forgets all of {@code state}'s watches (UNWATCH, EXEC, DISCARD, RESET, disconnect). */
    public void unwatchAll(MultiState state) {
        for (Watch w : state.watches) {
            List<Watch> list = byKey.get(w.key);
            if (list != null) {
                list.remove(w);
                if (list.isEmpty()) {
                    byKey.remove(w.key);
                }
            }
        }
        state.watches.clear();
    }

    /**
     * Marks {@code state} dirty if a watched key that was alive at WATCH time has expired since,
     * though nothing deleted it yet (Redis 7.0's {@code isWatchedKeyExpired}, checked by EXEC).
     */
    public void touchIfExpired(MultiState state) {
        for (Watch w : state.watches) {
            if (!w.expired && keyspace.db(w.key.db()).holdsExpired(w.key.key())) {
                touch(state);
                return;
            }
        }
    }

    private void touch(MultiState state) {
        state.markDirty();
        // as Redis: once dirty, nothing more to learn from the other keys
        unwatchAll(state);
    }

    @Override
    public void modified(int db, byte[] key) {
        if (byKey.isEmpty()) {
            return;
        }
        List<Watch> list = byKey.get(DbKey.of(db, key));
        if (list == null) {
            return;
        }
        boolean present = keyspace.db(db).holdsEntry(key);
        for (Watch w : List.copyOf(list)) {
            if (w.expired) {
                if (!present) {
                    // the expired key was deleted: logically no change
                    w.expired = false;
                    continue;
                }
                // Redis's touchWatchedKey leaves the whole loop here (a `break`), so later
                // watchers of this key are not touched either; kept for identical behaviour.
                break;
            }
            touch(w.owner);
        }
    }

    @Override
    public void databaseReplacing(int db, int replacedWith) {
        if (byKey.isEmpty()) {
            return;
        }
        List<DbKey> keys = new ArrayList<>();
        for (DbKey dk : byKey.keySet()) {
            if (dk.db() == db) {
                keys.add(dk);
            }
        }
        KernelDatabase emptied = keyspace.db(db);
        KernelDatabase incoming = replacedWith < 0 ? null : keyspace.db(replacedWith);
        for (DbKey dk : keys) {
            List<Watch> list = byKey.get(dk);
            if (list == null) {
                continue;
            }
            boolean existedHere = emptied.holdsEntry(dk.key());
            boolean comesIn = incoming != null && incoming.holdsEntry(dk.key());
            if (!existedHere && !comesIn) {
                continue; // FLUSHALL does not touch a watched key that did not exist
            }
            boolean comesInExpired = incoming != null && incoming.holdsExpired(dk.key());
            for (Watch w : List.copyOf(list)) {
                if (w.expired) {
                    if (!comesIn) {
                        w.expired = false; // expired key now deleted: no logical change
                        continue;
                    } else if (comesInExpired) {
                        continue; // expired key remains expired
                    }
                } else if (!existedHere && comesInExpired) {
                    w.expired = true; // a missing key replaced with an expired one
                    continue;
                }
                touch(w.owner);
            }
        }
    }
}
