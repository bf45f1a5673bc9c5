package dev.cinnabar.commands.hashes;

import dev.cinnabar.commands.keys.KeyCommands;
import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The hash commands in an embedded server, for what the differential tests cannot reach: start-up
 * configuration, and where Cinnabar deliberately differs from Redis.
 */
class HashCommandsTest {

    @Test
    void encodingLimitsComeFromTheConfiguration() {
        try (EmbeddedServer s = EmbeddedServer.start(Map.of("hash-max-listpack-entries", "3"),
                new HashCommands(), new KeyCommands());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.hset("h", Map.of("a", "1", "b", "2", "c", "3"));
            assertEquals("listpack", j.objectEncoding("h"));
            j.hset("h", "d", "4");
            assertEquals("hashtable", j.objectEncoding("h"));
            // one-way, as in Redis
            j.hdel("h", "a", "b", "c");
            assertEquals("hashtable", j.objectEncoding("h"));
            assertEquals(Map.of("d", "4"), j.hgetAll("h"));
        }
    }

    @Test
    void hrandfieldRefusesASampleTooLargeToBuild() {
        try (EmbeddedServer s = EmbeddedServer.start(new HashCommands());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.hset("h", "a", "1");
            // Redis would stream 2^63-1 replies until memory runs out
            JedisDataException e = assertThrows(JedisDataException.class,
                    () -> j.hrandfield("h", -Long.MAX_VALUE));
            assertEquals("ERR value is out of range", e.getMessage());
            List<String> sample = j.hrandfield("h", -HrandfieldCommand.MAX_SAMPLED_REPLY / 1024);
            assertEquals(HrandfieldCommand.MAX_SAMPLED_REPLY / 1024, sample.size());
            assertEquals(List.of("a"), sample.stream().distinct().toList());
        }
    }
}
