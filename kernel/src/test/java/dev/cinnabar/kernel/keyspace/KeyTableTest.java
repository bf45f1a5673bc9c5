package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.keyspace.StringValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyTableTest {

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void putGetRemoveAcrossResizes() {
        KeyTable t = new KeyTable();
        for (int i = 0; i < 10_000; i++) {
            t.put(key(i), StringValue.ofLong(i));
        }
        assertEquals(10_000, t.size());
        assertNotNull(t.get(key(9_999)));
        for (int i = 0; i < 9_990; i++) {
            assertNotNull(t.remove(key(i)));
        }
        assertEquals(10, t.size());
        assertNull(t.get(key(5)));
        assertNotNull(t.get(key(9_995)));
    }

    @Test
    void scanVisitsEveryKeyPresentThroughoutEvenWhenTheTableGrowsAndShrinks() {
        KeyTable t = new KeyTable();
        for (int i = 0; i < 1000; i++) {
            t.put(key(i), StringValue.ofLong(i));
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = t.scan(cursor, 10, e -> seen.add(new String(e.key(), StandardCharsets.US_ASCII)));
            step++;
            if (step == 5) {
                for (int i = 1000; i < 5000; i++) {
                    t.put(key(i), StringValue.ofLong(i)); // grow mid-iteration
                }
            }
            if (step == 40) {
                for (int i = 1000; i < 5000; i++) {
                    t.remove(key(i)); // shrink mid-iteration
                }
            }
        } while (cursor != 0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.contains("key:" + i), "missed key:" + i);
        }
    }

    @Test
    void volatileIndexFollowsExpirySetAndClear() {
        KeyTable t = new KeyTable();
        KeyTable.Entry a = t.put(key(1), StringValue.ofLong(1));
        KeyTable.Entry b = t.put(key(2), StringValue.ofLong(2));
        t.setExpire(a, 100);
        t.setExpire(b, 200);
        assertEquals(2, t.volatileCount());
        t.setExpire(a, -1);
        assertEquals(1, t.volatileCount());
        assertEquals(b, t.randomVolatile());
        t.remove(key(2));
        assertEquals(0, t.volatileCount());
        assertNull(t.randomVolatile());
    }
}
