package dev.cinnabar.commands.hashes;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hashtable encoding on its own: lookups, resizing, and HSCAN's cursor guarantee. */
class FieldTableTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void putGetAndRemoveAcrossGrowingAndShrinking() {
        FieldTable t = new FieldTable(0);
        for (int i = 0; i < 5000; i++) {
            assertTrue(t.put(b("f" + i), b("v" + i)));
        }
        assertFalse(t.put(b("f7"), b("seven")));
        assertEquals(5000, t.size());
        assertArrayEquals(b("seven"), t.get(b("f7")));
        for (int i = 0; i < 4990; i++) {
            assertTrue(t.remove(b("f" + i)));
        }
        assertFalse(t.remove(b("f0")));
        assertEquals(10, t.size());
        assertNull(t.get(b("f1")));
        assertArrayEquals(b("v4995"), t.get(b("f4995")));
    }

    @Test
    void scanVisitsEveryFieldPresentThroughoutWhileTheTableGrowsAndShrinks() {
        FieldTable t = new FieldTable(0);
        for (int i = 0; i < 300; i++) {
            t.put(b("keep" + i), b("1"));
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = t.scan(cursor, (f, v) -> seen.add(new String(f, StandardCharsets.ISO_8859_1)));
            step++;
            if (step == 20) {
                for (int i = 0; i < 3000; i++) {
                    t.put(b("extra" + i), b("2"));
                }
            } else if (step == 200) {
                for (int i = 0; i < 3000; i++) {
                    t.remove(b("extra" + i));
                }
            }
        } while (cursor != 0);
        for (int i = 0; i < 300; i++) {
            assertTrue(seen.contains("keep" + i), "keep" + i + " missed");
        }
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        HashValue h = new HashValue();
        h.put(b("a"), b("1"), 512);
        HashValue listpackCopy = h.copy();
        h.put(b("a"), b("2"), 512);
        assertArrayEquals(b("1"), listpackCopy.get(b("a")));
        h.convertForPair(b("a"), b("x".repeat(100)), 64);
        assertEquals("hashtable", h.encoding());
        HashValue tableCopy = h.copy();
        h.remove(b("a"));
        assertArrayEquals(b("2"), tableCopy.get(b("a")));
        assertEquals("hashtable", tableCopy.encoding());
        assertEquals("listpack", listpackCopy.encoding());
    }
}
