package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.KeyspaceEvents;
import dev.cinnabar.api.keyspace.RedisValue;

import java.util.ArrayList;
import java.util.List;

/** The kernel's {@link Database}: a {@link KeyTable} with lazy expiry and statistics. */
public final class KernelDatabase implements Database {

    private final Keyspace keyspace;
    private final int id;
    private KeyTable table = new KeyTable();

    KernelDatabase(Keyspace keyspace, int id) {
        this.keyspace = keyspace;
        this.id = id;
    }

    KeyTable table() {
        return table;
    }

    void table(KeyTable t) {
        this.table = t;
    }

    @Override
    public int id() {
        return id;
    }

    /** The live entry for {@code key} (lazy expiry applied), or null. */
    public KeyTable.Entry entry(byte[] key) {
        KeyTable.Entry e = table.get(key);
        if (e != null && e.expireAt >= 0 && keyspace.now() > e.expireAt) {
            expire(e);
            return null;
        }
        return e;
    }

    /**
     * A key whose expiry passed goes: a modification for WATCH and blocked clients, but no change
     * counts, as Redis's {@code deleteExpiredKeyAndPropagate} adds nothing to {@code server.dirty}.
     */
    private void expire(KeyTable.Entry e) {
        table.remove(e.key);
        keyspace.stats().expiredKeys++;
        keyspace.listener().modified(id, e.key);
        keyspace.listener().expired(id, e.key);
        keyspace.notify(KeyspaceEvents.EXPIRED, "expired", id, e.key);
    }

    // The command's frozen clock: no system call per access on the GET/SET path.
    private int lruNow() {
        return (int) (keyspace.now() / 1000);
    }

    /**
     * An access: Redis's lookupKey without LOOKUP_NOTOUCH updates the LRU clock, and the LFU
     * counter only under an LFU policy (its random draw and clock reads are not free, and Redis
     * does not keep it otherwise either).
     */
    private void touch(KeyTable.Entry e) {
        e.lruSeconds = lruNow();
        if (keyspace.lfuPolicy()) {
            e.lfu = LfuCounter.accessed(e.lfu);
        }
    }

    /**
     * A value stored under {@code e}: a new key starts afresh, an overwritten one keeps and bumps
     * its access frequency as Redis's dbOverwrite does.
     */
    private void stored(KeyTable.Entry e, boolean existed) {
        if (!existed) {
            // Redis's dbAdd sends "new" as the key appears, before the command's own event
            keyspace.notify(KeyspaceEvents.NEW, "new", id, e.key);
        }
        e.lruSeconds = lruNow();
        if (existed && keyspace.lfuPolicy()) {
            e.lfu = LfuCounter.accessed(e.lfu);
        }
    }

    @Override
    public RedisValue lookupRead(byte[] key) {
        KeyTable.Entry e = countedEntry(key);
        if (e == null) {
            return null;
        }
        touch(e);
        return e.value;
    }

    /** The live entry, counted as a keyspace hit or miss. */
    private KeyTable.Entry countedEntry(byte[] key) {
        KeyTable.Entry e = entry(key);
        if (e == null) {
            keyspace.stats().misses++;
            keyspace.notify(KeyspaceEvents.KEY_MISS, "keymiss", id, key);
        } else {
            keyspace.stats().hits++;
        }
        return e;
    }

    @Override
    public RedisValue lookupWrite(byte[] key) {
        KeyTable.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        touch(e);
        // a value a background save has not written yet is encoded before anyone changes it,
        // and one its writer thread is encoding is waited for
        RedisValue v = table.writableValue(e);
        keyspace.awaitLoans(v);
        return v;
    }

    @Override
    public RedisValue lookupReadNoTouch(byte[] key) {
        KeyTable.Entry e = countedEntry(key);
        return e == null ? null : e.value;
    }

    @Override
    public long idleMillis(byte[] key) {
        KeyTable.Entry e = entry(key);
        if (e == null) {
            return -1;
        }
        // Redis's estimateObjectIdleTime: whole seconds of the LRU clock, in milliseconds
        return Math.max(0, (long) (lruNow() - e.lruSeconds) * 1000);
    }

    @Override
    public int accessFrequency(byte[] key) {
        KeyTable.Entry e = entry(key);
        return e == null ? -1 : LfuCounter.decayed(e.lfu);
    }

    @Override
    public RedisValue peek(byte[] key) {
        KeyTable.Entry e = entry(key);
        return e == null ? null : e.value;
    }

    /**
     * Deletes {@code key} if it is there but expired, as the lookup Redis's {@code setKey} does
     * first: the expiry counts in {@code expired_keys} and is seen as its own change (WATCH tells
     * an expired key's deletion from its overwrite). Only volatile keys can be stale, hence the
     * cheap guard on the SET path.
     */
    private void expireIfStale(byte[] key) {
        if (table.volatileCount() == 0) {
            return;
        }
        KeyTable.Entry e = table.get(key);
        if (e != null && e.expireAt >= 0 && keyspace.now() > e.expireAt) {
            expire(e);
        }
    }

    @Override
    public void set(byte[] key, RedisValue value) {
        expireIfStale(key);
        int before = table.size();
        KeyTable.Entry e = table.put(key, value);
        boolean existed = table.size() == before;
        if (e.expireAt >= 0) {
            table.setExpire(e, -1);
        }
        stored(e, existed);
        keyspace.listener().modified(id, key);
        keyspace.countChanges(1);
    }

    /**
     * Adds a key read from a snapshot, without notifications: false when it already exists
     * (a duplicate in the file).
     */
    /** A loader's hint: this database is about to hold {@code keys} more keys. */
    public void reserve(long keys) {
        table.reserve(table.size() + keys);
    }

    public boolean loadEntry(byte[] key, RedisValue value, long expireAtMillis) {
        KeyTable.Entry e = table.putNew(key, value);
        if (e == null) {
            return false;
        }
        if (expireAtMillis >= 0) {
            table.setExpire(e, expireAtMillis);
        }
        e.lruSeconds = lruNow();
        return true;
    }

    /**
     * Redis's {@code objectSetLRUOrLFU}: under an LFU policy a given {@code freq} (0..255) becomes
     * the counter; otherwise a given {@code idleSeconds} moves the last access back. -1 = not given.
     */
    public void setAccess(byte[] key, long idleSeconds, int freq) {
        KeyTable.Entry e = table.get(key);
        if (e == null) {
            return;
        }
        if (keyspace.lfuPolicy()) {
            if (freq >= 0) {
                e.lfu = LfuCounter.of(freq);
            }
        } else if (idleSeconds >= 0) {
            e.lruSeconds = (int) (lruNow() - Math.min(idleSeconds, Integer.MAX_VALUE / 2));
        }
    }

    @Override
    public void setKeepTtl(byte[] key, RedisValue value) {
        KeyTable.Entry e = table.get(key);
        if (e != null && e.expireAt >= 0 && keyspace.now() > e.expireAt) {
            expire(e);
            e = null;
        }
        boolean existed = e != null;
        if (e == null) {
            e = table.put(key, value);
        } else {
            table.replaceValue(e, value);
        }
        stored(e, existed);
        keyspace.listener().modified(id, key);
        keyspace.countChanges(1);
    }

    @Override
    public void set(byte[] key, RedisValue value, long expireAtMillis) {
        expireIfStale(key);
        int before = table.size();
        KeyTable.Entry e = table.put(key, value);
        boolean existed = table.size() == before;
        table.setExpire(e, expireAtMillis);
        stored(e, existed);
        keyspace.listener().modified(id, key);
        keyspace.countChanges(1);
    }

    @Override
    public boolean delete(byte[] key) {
        KeyTable.Entry e = entry(key);
        if (e == null) {
            return false;
        }
        table.remove(key);
        keyspace.listener().modified(id, key);
        keyspace.countChanges(1);
        return true;
    }

    @Override
    public long getExpire(byte[] key) {
        KeyTable.Entry e = entry(key);
        if (e == null) {
            return NO_KEY;
        }
        return e.expireAt < 0 ? NO_EXPIRE : e.expireAt;
    }

    @Override
    public boolean setExpire(byte[] key, long expireAtMillis) {
        KeyTable.Entry e = entry(key);
        if (e == null) {
            return false;
        }
        table.setExpire(e, expireAtMillis);
        keyspace.listener().modified(id, key);
        keyspace.countChanges(1);
        return true;
    }

    @Override
    public boolean persist(byte[] key) {
        KeyTable.Entry e = entry(key);
        if (e == null || e.expireAt < 0) {
            return false;
        }
        table.setExpire(e, -1);
        keyspace.listener().modified(id, key);
        keyspace.countChanges(1);
        return true;
    }

    @Override
    public void modified(byte[] key) {
        keyspace.listener().modified(id, key);
        keyspace.countChanges(1);
    }

    @Override
    public void modified(byte[] key, long changes) {
        keyspace.listener().modified(id, key);
        keyspace.countChanges(changes);
    }

    @Override
    public void notifyKeyspaceEvent(int type, String event, byte[] key) {
        keyspace.notify(type, event, id, key);
    }

    @Override
    public long size() {
        return table.size();
    }

    @Override
    public long expiresCount() {
        return table.volatileCount();
    }

    @Override
    public void clear() {
        // FLUSHDB and FLUSHALL count the keys they remove (emptyData's return)
        keyspace.countChanges(table.size());
        keyspace.listener().databaseReplacing(id, -1);
        if (table.capture != null) {
            // a snapshot still capturing the old contents goes on with the old table alone
            table = keyspace.newTable();
        } else {
            table.clear();
        }
        keyspace.listener().databaseChanged(id);
    }

    @Override
    public byte[] randomKey() {
        // Like Redis's dbRandomKey on a master: an expired pick is reclaimed and another drawn,
        // so an expired key is never returned (each miss shrinks the table, so this ends).
        while (table.size() > 0) {
            KeyTable.Entry e = table.random();
            if (e.expireAt >= 0 && keyspace.now() > e.expireAt) {
                expire(e);
                continue;
            }
            return e.key;
        }
        return null;
    }

    @Override
    public long scan(long cursor, int count, KeyVisitor visitor) {
        List<KeyTable.Entry> expired = new ArrayList<>();
        long now = keyspace.now();
        long next = table.scan(cursor, count, e -> {
            if (e.expireAt >= 0 && now > e.expireAt) {
                expired.add(e);
            } else {
                visitor.visit(e.key, e.value);
            }
        });
        for (KeyTable.Entry e : expired) {
            if (table.get(e.key) == e) {
                expire(e);
            }
        }
        return next;
    }

    @Override
    public void forEachKey(KeyVisitor visitor) {
        long now = keyspace.now();
        table.forEach(e -> {
            if (e.expireAt < 0 || now <= e.expireAt) {
                visitor.visit(e.key, e.value);
            }
        });
    }

    /** Whether {@code key} is in the table at all, expired or not (Redis's {@code dictFind} on the db). */
    public boolean holdsEntry(byte[] key) {
        return table.get(key) != null;
    }

    /** Whether {@code key} is in the table but past its expiry (Redis's {@code keyIsExpired}); deletes nothing. */
    public boolean holdsExpired(byte[] key) {
        KeyTable.Entry e = table.get(key);
        return e != null && e.expireAt >= 0 && keyspace.now() > e.expireAt;
    }

    /** Visits raw entries (expired ones included) for DEBUG and persistence. */
    public void forEachEntry(java.util.function.Consumer<KeyTable.Entry> visitor) {
        table.forEach(visitor);
    }

    /**
     * One active-expire step: samples up to {@code samples} keys with an expiry and deletes the
     * expired ones; returns how many were expired.
     */
    int expireSample(int samples, long now) {
        int expired = 0;
        for (int i = 0; i < samples && table.volatileCount() > 0; i++) {
            KeyTable.Entry e = table.randomVolatile();
            if (now > e.expireAt) {
                expire(e);
                expired++;
            }
        }
        return expired;
    }
}
