package dev.cinnabar.commands.keys;

import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key commands in an embedded server, for what the differential tests cannot reach: server
 * configurations other than the default, and time. Expected values were taken from Redis 7.0.15.
 */
class KeyCommandsTest {

    private static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, access frequency not"
            + " tracked. Please note that when switching between policies at runtime LRU and LFU data will take some"
            + " time to adjust.";
    private static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time not tracked."
            + " Please note that when switching between policies at runtime LRU and LFU data will take some time to"
            + " adjust.";

    @Test
    void objectFreqCountsAccessesUnderAnLfuPolicy() {
        try (EmbeddedServer s = EmbeddedServer.start(Map.of("maxmemory-policy", "allkeys-lfu"),
                new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("k", "v");
            // a new key starts at LFU_INIT_VAL; OBJECT itself does not count as an access
            assertEquals(5L, j.objectFreq("k"));
            assertEquals(5L, j.objectFreq("k"));
            // the first access past the initial value always increments
            j.get("k");
            assertEquals(6L, j.objectFreq("k"));
            assertNull(j.objectFreq("nokey"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.objectIdletime("k"));
            assertEquals(LFU_SELECTED, e.getMessage());
            assertNull(j.objectIdletime("nokey"));
            for (int i = 0; i < 1000; i++) {
                j.get("k");
            }
            long freq = j.objectFreq("k");
            assertTrue(freq > 6 && freq < 40, "logarithmic counter after 1000 hits: " + freq);
        }
    }

    @Test
    void objectFreqNeedsAnLfuPolicy() {
        try (EmbeddedServer s = EmbeddedServer.start(new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("k", "v");
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.objectFreq("k"));
            assertEquals(LFU_NOT_SELECTED, e.getMessage());
        }
    }

    @Test
    void sharedIntegersAreNotUsedWithMaxmemoryAndAnLruPolicy() {
        try (EmbeddedServer s = EmbeddedServer.start(Map.of("maxmemory", "100mb", "maxmemory-policy", "allkeys-lru"),
                new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("n", "7");
            assertEquals(1L, j.objectRefcount("n"));
            assertEquals("int", j.objectEncoding("n"));
        }
        // without maxmemory, an LRU policy still shares them
        try (EmbeddedServer s = EmbeddedServer.start(Map.of("maxmemory-policy", "allkeys-lru"),
                new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("n", "7");
            assertEquals(2147483647L, j.objectRefcount("n"));
        }
        // nor does a policy without LRU/LFU data stop sharing
        try (EmbeddedServer s = EmbeddedServer.start(Map.of("maxmemory", "100mb", "maxmemory-policy", "volatile-ttl"),
                new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("n", "7");
            assertEquals(2147483647L, j.objectRefcount("n"));
        }
    }

    @Test
    void idletimeGrowsAndAnAccessResetsIt() throws InterruptedException {
        try (EmbeddedServer s = EmbeddedServer.start(new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("k", "v");
            j.set("other", "v");
            assertTrue(j.objectIdletime("k") <= 1, "just written");
            Thread.sleep(2100);
            // TYPE, EXISTS, TTL and OBJECT do not touch the key (LOOKUP_NOTOUCH); TOUCH and GET do
            j.type("k");
            j.exists("k");
            j.ttl("k");
            j.objectEncoding("k");
            assertTrue(j.objectIdletime("k") >= 2, "idle after 2.1 s");
            // the LRU clock has Redis's 1 s resolution: a second may tick between the access
            // and the OBJECT call, so "reset" means at most 1, against >= 2 before it
            assertEquals(1L, j.touch("k"));
            assertTrue(j.objectIdletime("k") <= 1, "reset by TOUCH");
            j.get("other");
            assertTrue(j.objectIdletime("other") <= 1, "reset by GET");
        }
    }

    @Test
    void scanVisitsEveryKeyOfALargeDatabase() {
        try (EmbeddedServer s = EmbeddedServer.start(new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            int n = 3000;
            for (int i = 0; i < n; i++) {
                j.set("key:" + i, "v");
            }
            Set<String> seen = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = j.scan(cursor, new ScanParams().count(25));
                seen.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertEquals(n, seen.size());
            assertEquals(n, j.keys("key:*").size());
            assertEquals(11, j.keys("key:1?").size() + j.keys("key:1").size());
        }
    }

    @Test
    void expiredKeysAreGoneFromRandomkeyKeysAndScan() throws InterruptedException {
        try (EmbeddedServer s = EmbeddedServer.start(new KeyCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            for (int i = 0; i < 300; i++) {
                j.set("gone:" + i, "v");
                j.pexpire("gone:" + i, 1);
            }
            Thread.sleep(20);
            assertNull(j.randomKey());
            j.set("live", "v");
            assertEquals("live", j.randomKey());
            assertEquals(Set.of("live"), j.keys("*"));
            assertEquals(Set.of("live"), new HashSet<>(j.scan("0", new ScanParams().count(1000)).getResult()));
        }
    }
}
