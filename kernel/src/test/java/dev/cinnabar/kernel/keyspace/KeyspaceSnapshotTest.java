package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incremental snapshot against a model: whatever commands do while it is captured and
 * written, it holds exactly the databases of its first instant, and the live keyspace holds
 * exactly what the commands made of it.
 */
class KeyspaceSnapshotTest {

    private static final int DBS = 4;
    private static final long NOW = 1_700_000_000_000L;

    /** key (as text) to "value|expireAt", per database. */
    private final List<Map<String, String>> model = new ArrayList<>();
    private Keyspace ks;
    private Random rnd;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(RedisValue v) {
        return new String(((StringValue) v).toBytes(), StandardCharsets.UTF_8);
    }

    private void setUp(long seed, int keys) {
        rnd = new Random(seed);
        ks = new Keyspace(DBS, () -> 0);
        ks.freezeClock(NOW);
        for (int d = 0; d < DBS; d++) {
            model.add(new HashMap<>());
        }
        for (int i = 0; i < keys; i++) {
            int d = rnd.nextInt(DBS);
            String k = "k" + i;
            long x = rnd.nextInt(4) == 0 ? NOW + 1_000_000 + i : -1;
            put(d, k, "v" + i, x);
        }
    }

    private void put(int d, String k, String v, long expireAt) {
        if (expireAt >= 0) {
            ks.db(d).set(b(k), StringValue.of(b(v)), expireAt);
        } else {
            ks.db(d).set(b(k), StringValue.of(b(v)));
        }
        model.get(d).put(k, v + "|" + expireAt);
    }

    private String randomKey(int d) {
        Map<String, String> m = model.get(d);
        if (m.isEmpty() || rnd.nextInt(10) == 0) {
            return "new" + rnd.nextInt(1_000_000);
        }
        int skip = rnd.nextInt(Math.min(m.size(), 64));
        for (String k : m.keySet()) {
            if (skip-- == 0) {
                return k;
            }
        }
        return m.keySet().iterator().next();
    }

    private static String value(String entry) {
        return entry.substring(0, entry.lastIndexOf('|'));
    }

    private static long expire(String entry) {
        return Long.parseLong(entry.substring(entry.lastIndexOf('|') + 1));
    }

    /** One random command, applied to the keyspace and to the model. */
    private void command() {
        int d = rnd.nextInt(DBS);
        KernelDatabase db = ks.db(d);
        Map<String, String> m = model.get(d);
        String k = randomKey(d);
        String cur = m.get(k);
        switch (rnd.nextInt(12)) {
            case 0, 1 -> put(d, k, "s" + rnd.nextInt(1000), -1);
            case 2 -> { // APPEND: changes the value in place
                RedisValue v = db.lookupWrite(b(k));
                if (v != null) {
                    ((StringValue) v).append(b("+"));
                    m.put(k, value(cur) + "+|" + expire(cur));
                }
            }
            case 3 -> {
                assertEquals(cur != null, db.delete(b(k)));
                m.remove(k);
            }
            case 4 -> {
                if (cur != null) {
                    long x = NOW + 5_000_000 + rnd.nextInt(1000);
                    db.setExpire(b(k), x);
                    m.put(k, value(cur) + "|" + x);
                }
            }
            case 5 -> {
                db.persist(b(k));
                if (cur != null) {
                    m.put(k, value(cur) + "|-1");
                }
            }
            case 6, 7 -> { // RENAME / MOVE: the same value object under another key, then changed there
                if (cur != null) {
                    int to = rnd.nextInt(DBS);
                    String dst = "r" + rnd.nextInt(100_000);
                    RedisValue v = db.lookupRead(b(k));
                    long x = db.getExpire(b(k));
                    db.delete(b(k));
                    m.remove(k);
                    KernelDatabase target = ks.db(to);
                    target.delete(b(dst));
                    if (x >= 0) {
                        target.set(b(dst), v, x);
                    } else {
                        target.set(b(dst), v);
                    }
                    ((StringValue) target.lookupWrite(b(dst))).append(b("#"));
                    model.get(to).put(dst, value(cur) + "#|" + (x >= 0 ? x : -1));
                }
            }
            case 8 -> { // an expired key, deleted when looked up
                if (cur != null) {
                    db.setExpire(b(k), NOW - 1);
                    assertEquals(null, db.lookupRead(b(k)));
                    m.remove(k);
                }
            }
            case 9 -> { // a burst of new keys (the table grows)
                for (int i = 0; i < 200; i++) {
                    put(d, "burst" + rnd.nextInt(1_000_000), "b", -1);
                }
            }
            case 10 -> { // a burst of deletions (the table shrinks)
                List<String> gone = new ArrayList<>(m.keySet()).subList(0, Math.min(m.size(), 150));
                for (String g : new ArrayList<>(gone)) {
                    db.delete(b(g));
                    m.remove(g);
                }
            }
            default -> {
                if (rnd.nextInt(8) == 0) {
                    db.clear(); // FLUSHDB
                    m.clear();
                } else if (rnd.nextInt(4) == 0) {
                    int other = rnd.nextInt(DBS);
                    ks.swap(d, other);
                    Map<String, String> t = model.get(d);
                    model.set(d, model.get(other));
                    model.set(other, t);
                } else {
                    db.setKeepTtl(b(k), StringValue.of(b("kt")));
                    m.put(k, "kt|" + (cur == null ? -1 : expire(cur)));
                }
            }
        }
    }

    private List<Map<String, String>> copyOfModel() {
        List<Map<String, String>> c = new ArrayList<>();
        for (Map<String, String> m : model) {
            c.add(new TreeMap<>(m));
        }
        return c;
    }

    /** Records what a snapshot gives out, as text at the moment it is given, per database number. */
    private static final class Recorder implements KeyspaceSnapshot.Sink {
        final KeyspaceSnapshot snapshot;
        final List<Map<String, String>> contents = new ArrayList<>();
        final long[] volatiles = new long[DBS];
        int done;

        Recorder(KeyspaceSnapshot snapshot) {
            this.snapshot = snapshot;
            for (int d = 0; d < DBS; d++) {
                contents.add(new TreeMap<>());
            }
            snapshot.sink(this);
        }

        @Override
        public void entry(int d, byte[] key, RedisValue value, long expireAt, KeyAccess access, boolean scanned) {
            assertTrue(d >= done, "an entry of a database already done");
            String k = new String(key, StandardCharsets.UTF_8);
            String previous = contents.get(snapshot.dbId(d)).put(k, text(value) + "|" + expireAt);
            assertEquals(null, previous, "given out twice: " + k);
            if (expireAt >= 0) {
                volatiles[snapshot.dbId(d)]++;
            }
        }

        @Override
        public void databaseDone(int d) {
            assertEquals(done++, d);
            int db = snapshot.dbId(d);
            assertEquals(snapshot.size(d), contents.get(db).size());
            assertEquals(snapshot.volatileCount(d), volatiles[db]);
        }
    }

    private List<Map<String, String>> live() {
        List<Map<String, String>> c = new ArrayList<>();
        for (int d = 0; d < DBS; d++) {
            Map<String, String> m = new TreeMap<>();
            ks.db(d).forEachEntry(e -> m.put(new String(e.key(), StandardCharsets.UTF_8),
                    text(e.value()) + "|" + e.expireAt()));
            c.add(m);
        }
        return c;
    }

    @RepeatedTest(20)
    void givesOutTheFirstInstantWhateverCommandsDoMeanwhile(org.junit.jupiter.api.RepetitionInfo info) {
        setUp(info.getCurrentRepetition(), 3000);
        for (int round = 0; round < 3; round++) {
            List<Map<String, String>> before = copyOfModel();
            KeyspaceSnapshot s = ks.beginSnapshot();
            Recorder r = new Recorder(s);
            while (!s.captureSome(0, 1 + rnd.nextInt(40))) {
                for (int i = rnd.nextInt(6); i > 0; i--) {
                    command();
                }
            }
            ks.endSnapshot(s);
            assertEquals(s.databases(), r.done);
            assertEquals(before, r.contents);
            for (int i = 0; i < 300; i++) {
                command();
            }
            assertEquals(copyOfModel(), live());
        }
    }

    @Test
    void aCopyDuringASnapshotLeavesItAlone() {
        setUp(11, 2000);
        List<Map<String, String>> before = copyOfModel();
        KeyspaceSnapshot s = ks.beginSnapshot();
        Recorder r = new Recorder(s);
        assertFalse(s.captureSome(0, 10));
        command();
        KeyspaceSnapshot copy = ks.copyNow();
        Recorder c = new Recorder(copy);
        assertTrue(copy.captureSome(Long.MAX_VALUE));
        assertEquals(copyOfModel(), c.contents);
        while (!s.captureSome(0, 10)) {
            command();
        }
        ks.endSnapshot(s);
        assertEquals(before, r.contents);
    }
}
