package dev.cinnabar.commands.sorted.sets;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both encodings against a plain model (a sorted list and a map) under long random runs of
 * inserts, score changes, removals and rank-range removals: order, ranks, scores, range starts
 * and the full ZSCAN cover must always agree.
 */
class ZSetStoreModelTest {

    private record Entry(String member, double score) {
    }

    private static final java.util.Comparator<Entry> ORDER = (a, b) -> ZOrder.compare(a.score, bytes(a.member), b.score, bytes(b.member));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void skiplistAgreesWithModel() {
        runAgainstModel(new SkiplistStore(), 20000, 3000, 1);
    }

    @Test
    void listpackAgreesWithModel() {
        runAgainstModel(new ListpackStore(4), 5000, 60, 2);
    }

    private void runAgainstModel(ZSetStore store, int steps, int universe, long seed) {
        Random rnd = new Random(seed);
        TreeSet<Entry> model = new TreeSet<>(ORDER);
        Map<String, Double> scores = new HashMap<>();
        for (int step = 0; step < steps; step++) {
            String m = "m" + rnd.nextInt(universe);
            double s = rnd.nextInt(50) / 2.0;
            int op = rnd.nextInt(10);
            Double old = scores.get(m);
            // one array per step, queried then changed, as ZADD does with its argument
            byte[] mb = bytes(m);
            assertEquals(old == null ? Double.NaN : old, store.score(mb));
            if (op < 5) {
                if (old == null) {
                    store.insert(mb, s);
                } else if (old != s) {
                    store.updateScore(mb, old, s);
                    model.remove(new Entry(m, old));
                }
                model.add(new Entry(m, s));
                scores.put(m, s);
            } else if (op < 8) {
                assertEquals(old != null, store.remove(mb));
                assertTrue(Double.isNaN(store.score(mb)));
                if (old != null) {
                    model.remove(new Entry(m, old));
                    scores.remove(m);
                }
            } else if (op == 8 && !model.isEmpty()) {
                int from = rnd.nextInt(model.size());
                int to = Math.min(model.size(), from + rnd.nextInt(5));
                store.removeRanks(from, to);
                List<Entry> all = new ArrayList<>(model);
                for (Entry e : all.subList(from, to)) {
                    model.remove(e);
                    scores.remove(e.member);
                }
            } else {
                double bound = rnd.nextInt(50) / 2.0;
                int expected = (int) model.stream().filter(e -> e.score < bound).count();
                assertEquals(expected, store.countBefore((mm, ss) -> ss < bound));
            }
            assertEquals(model.size(), store.size());
            if (step % 97 == 0) {
                checkEverything(store, model, scores);
            }
        }
        checkEverything(store, model, scores);
    }

    private void checkEverything(ZSetStore store, TreeSet<Entry> model, Map<String, Double> scores) {
        List<Entry> expected = new ArrayList<>(model);
        List<Entry> forward = new ArrayList<>();
        store.visit(0, false, (m, s) -> forward.add(new Entry(new String(m, StandardCharsets.ISO_8859_1), s)));
        assertEquals(expected, forward);
        if (!expected.isEmpty()) {
            List<Entry> backward = new ArrayList<>();
            store.visit(expected.size() - 1, true, (m, s) -> {
                backward.add(0, new Entry(new String(m, StandardCharsets.ISO_8859_1), s));
                return true;
            });
            assertEquals(expected, backward);
        }
        for (int i = 0; i < expected.size(); i++) {
            Entry e = expected.get(i);
            assertEquals(i, store.rank(bytes(e.member)));
            assertEquals(e.score, store.score(bytes(e.member)));
            assertEquals(e.member, new String(store.memberAt(i), StandardCharsets.ISO_8859_1));
            assertEquals(e.score, store.scoreAt(i));
        }
        assertEquals(-1, store.rank(bytes("absent")));
        assertTrue(Double.isNaN(store.score(bytes("absent"))));
        TreeSet<String> scanned = new TreeSet<>();
        long cursor = 0;
        do {
            cursor = store.scan(cursor, (m, s) -> {
                scanned.add(new String(m, StandardCharsets.ISO_8859_1) + "=" + s);
                return true;
            });
        } while (cursor != 0);
        TreeSet<String> all = new TreeSet<>();
        scores.forEach((m, s) -> all.add(m + "=" + s));
        assertEquals(all, scanned);
    }
}
