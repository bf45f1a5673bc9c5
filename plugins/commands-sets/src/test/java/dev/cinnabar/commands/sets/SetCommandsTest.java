package dev.cinnabar.commands.sets;

import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set commands in an embedded server, for what the differential tests cannot compare: random
 * results, iteration while the set changes, and replies too large to buffer.
 */
class SetCommandsTest {

    @Test
    void spopAndSrandmemberPickEveryMemberWithSimilarFrequency() {
        try (EmbeddedServer s = EmbeddedServer.start(new SetCommands());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.sadd("h", "a", "b", "c", "d", "e");
            j.sadd("i", "1", "2", "3", "4", "5");
            for (String key : List.of("h", "i")) {
                Map<String, Integer> counts = new HashMap<>();
                for (String m : j.srandmember(key, -10_000)) {
                    counts.merge(m, 1, Integer::sum);
                }
                assertEquals(5, counts.size(), counts.toString());
                counts.values().forEach(n -> assertTrue(n > 1500 && n < 2500, counts.toString()));
            }
            Map<String, Integer> popped = new HashMap<>();
            for (int round = 0; round < 2000; round++) {
                j.sadd("p", "a", "b", "c", "d");
                popped.merge(j.spop("p"), 1, Integer::sum);
                j.srem("p", "a", "b", "c", "d");
            }
            popped.values().forEach(n -> assertTrue(n > 350 && n < 650, popped.toString()));
        }
    }

    @Test
    void srandmemberRefusesAReplyTooLargeToBufferAndKeepsServing() {
        try (EmbeddedServer s = EmbeddedServer.start(new SetCommands());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.sadd("s", "a");
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.srandmember("s", -2_000_000_000));
            assertTrue(e.getMessage().startsWith("ERR SRANDMEMBER count -2000000000"), e.getMessage());
            assertEquals(100_000, j.srandmember("s", -100_000).size());
            assertEquals(1L, j.scard("s"));
        }
    }

    @Test
    void sscanReturnsEveryMemberPresentThroughoutWhileTheSetChanges() {
        try (EmbeddedServer s = EmbeddedServer.start(new SetCommands());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                stable.add("m" + i);
            }
            j.sadd("h", stable.toArray(new String[0]));
            Set<String> seen = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            int step = 0;
            do {
                ScanResult<String> page = j.sscan("h", cursor, new ScanParams().count(20));
                seen.addAll(page.getResult());
                cursor = page.getCursor();
                // churn: add and later remove other members so the table resizes under the cursor
                if (step < 5) {
                    for (int k = 0; k < 2000; k++) {
                        j.sadd("h", "x" + step + "-" + k);
                    }
                } else if (step == 30) {
                    for (int k = 0; k < 5; k++) {
                        for (int n = 0; n < 2000; n++) {
                            j.srem("h", "x" + k + "-" + n);
                        }
                    }
                }
                step++;
            } while (!cursor.equals("0"));
            assertTrue(seen.containsAll(stable));
        }
    }

    @Test
    void theIntsetLimitComesFromTheConfiguration() {
        try (EmbeddedServer s = EmbeddedServer.start(Map.of("set-max-intset-entries", "3"), new SetCommands());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.sadd("s", "3", "1", "2");
            // an intset is scanned whole in one call, in numeric order
            ScanResult<String> page = j.sscan("s", "0", new ScanParams().count(1));
            assertEquals(List.of("1", "2", "3"), page.getResult());
            assertEquals("0", page.getCursor());
            j.sadd("s", "4");
            // now a hashtable: scanned a bucket at a time, so the first call leaves a cursor
            page = j.sscan("s", "0", new ScanParams().count(1));
            assertTrue(!page.getCursor().equals("0"), "a hashtable is not scanned whole");
            Set<String> all = new HashSet<>(page.getResult());
            while (!page.getCursor().equals("0")) {
                page = j.sscan("s", page.getCursor(), new ScanParams().count(1));
                all.addAll(page.getResult());
            }
            assertEquals(Set.of("1", "2", "3", "4"), all);
        }
    }
}
