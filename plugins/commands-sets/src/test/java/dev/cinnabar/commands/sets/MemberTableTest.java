package dev.cinnabar.commands.sets;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hashtable encoding against a {@link HashSet} model, and its SSCAN guarantee across resizes. */
class MemberTableTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void randomOperationsAgreeWithAHashSet() {
        Random random = new Random(42);
        MemberTable table = new MemberTable(0);
        Set<String> model = new HashSet<>();
        for (int step = 0; step < 200_000; step++) {
            String m = "m" + random.nextInt(3000) + (random.nextBoolean() ? "\0\u00ff" : "");
            switch (random.nextInt(4)) {
                case 0, 1 -> assertEquals(model.add(m), table.add(b(m)), "add " + m);
                case 2 -> assertEquals(model.remove(m), table.remove(b(m)), "remove " + m);
                default -> {
                    if (table.size() > 0) {
                        int i = table.randomIndex();
                        assertTrue(model.remove(new String(table.at(i), StandardCharsets.ISO_8859_1)));
                        table.removeAt(i);
                    }
                }
            }
            assertEquals(model.size(), table.size());
            if (step % 10_000 == 0) {
                for (String x : model) {
                    assertTrue(table.contains(b(x)), x);
                }
            }
        }
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < table.size(); i++) {
            listed.add(new String(table.at(i), StandardCharsets.ISO_8859_1));
        }
        assertEquals(model, listed);
    }

    @Test
    void emptyAndBinaryMembersAreDistinct() {
        MemberTable table = new MemberTable(4);
        assertTrue(table.add(new byte[0]));
        assertTrue(table.add(new byte[] {0}));
        assertTrue(table.add(new byte[] {0, 0}));
        assertFalse(table.add(new byte[0]));
        assertTrue(table.contains(new byte[] {0}));
        assertFalse(table.contains(new byte[] {1}));
        assertEquals(3, table.size());
    }

    @Test
    void scanVisitsEveryLongLivedMemberWhileTheTableGrowsAndShrinks() {
        MemberTable table = new MemberTable(0);
        List<String> stable = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            stable.add("s" + i);
            table.add(b("s" + i));
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = table.scan(cursor, m -> seen.add(new String(m, StandardCharsets.ISO_8859_1)));
            // grow the table a lot early on, then shrink it back, between scan steps
            if (step < 10) {
                for (int k = 0; k < 500; k++) {
                    table.add(b("t" + step + "-" + k));
                }
            } else if (step == 20) {
                for (int s = 0; s < 10; s++) {
                    for (int k = 0; k < 500; k++) {
                        table.remove(b("t" + s + "-" + k));
                    }
                }
            }
            step++;
        } while (cursor != 0);
        assertTrue(seen.containsAll(stable), "missed: " + stable.stream().filter(s -> !seen.contains(s)).toList());
    }
}
