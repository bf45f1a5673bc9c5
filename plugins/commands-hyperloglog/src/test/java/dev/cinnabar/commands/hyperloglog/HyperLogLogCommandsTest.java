package dev.cinnabar.commands.hyperloglog;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The HyperLogLog commands in an embedded server and the representation on its own. Expected
 * bytes and estimates were taken from Redis 7.0.15; the differential tests compare the rest.
 */
class HyperLogLogCommandsTest {

    /** Redis 7.0.15: {@code PFADD h a b c} then {@code GET h}. */
    private static final byte[] ABC = {'H', 'Y', 'L', 'L', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80};

    @Test
    void emptyHllIsEighteenSparseBytesWithAValidZeroCache() {
        Hll h = Hll.createSparse();
        assertArrayEquals(new byte[] {'H', 'Y', 'L', 'L', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f, (byte) 0xff},
                Arrays.copyOf(h.bytes, h.length));
        assertEquals(0, h.count());
    }

    @Test
    void sparseAndDenseGiveTheSameEstimate() {
        Hll sparse = Hll.createSparse();
        Hll dense = Hll.createSparse();
        dense.toDense();
        for (int i = 0; i < 1000; i++) {
            byte[] e = ("e" + i).getBytes(StandardCharsets.US_ASCII);
            sparse.add(e, 1 << 20);
            dense.add(e, 1 << 20);
            assertEquals(dense.count(), sparse.count(), "after " + (i + 1));
        }
    }

    @Test
    void selfTestPasses() {
        assertNull(PfSelfTestCommand.run(3000));
    }

    @Test
    void pfaddPfcountAndTheCachedCardinalityInTheHeader() {
        try (EmbeddedServer s = EmbeddedServer.start(new HyperLogLogCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            assertEquals(1L, j.pfadd("h", "a", "b", "c"));
            byte[] stored = j.get("h".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(ABC, Arrays.copyOf(stored, 16));
            assertEquals(3L, j.pfcount("h"));
            stored = j.get("h".getBytes(StandardCharsets.US_ASCII));
            assertEquals(3, stored[8]);
            assertEquals(0, stored[15]);
            assertEquals(0L, j.pfadd("h", "a"));
            j.set("s", "not an hll");
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.pfcount("s"));
            assertEquals(HllErrors.NOT_HLL, e.getMessage());
        }
    }

    @Test
    void aSmallSparseLimitPromotesEarly() {
        try (EmbeddedServer s = EmbeddedServer.start(Map.of("hll-sparse-max-bytes", "20"),
                new HyperLogLogCommands(), new TestStrings());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.pfadd("h", "a", "b", "c", "d");
            assertEquals(Hll.DENSE_SIZE, j.get("h".getBytes(StandardCharsets.US_ASCII)).length);
            assertEquals(4L, j.pfcount("h"));
        }
    }

    /** Plain SET and GET, so these tests need not depend on the strings plugin. */
    static final class TestStrings implements CommandFamily {

        @Override
        public String name() {
            return "test-strings";
        }

        @Override
        public void register(CommandRegistrar r) {
            r.redisCommand("set", (ctx, args, reply) -> {
                ctx.db().set(args.get(1), StringValue.of(args.get(2)));
                reply.ok();
            });
            r.redisCommand("get", (ctx, args, reply) -> {
                StringValue v = ctx.db().getString(args.get(1));
                if (v == null) {
                    reply.nullBulk();
                } else {
                    reply.bulk(v.array(), 0, v.length());
                }
            });
        }
    }
}
