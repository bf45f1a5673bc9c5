package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.CommandSpec;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.ValueDigest;
import dev.cinnabar.api.keyspace.ValueType;
import dev.cinnabar.kernel.testing.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour of the string plugin in an embedded server: what the differential tests cannot see
 * yet (encodings, TTLs, other types, configuration), checked against texts taken from Redis 7.0.15.
 */
class StringCommandsTest {

    private static EmbeddedServer server;
    private static EmbeddedServer smallServer;

    /** Stores a value of another type, so WRONGTYPE paths can be exercised without the hash plugin. */
    static final class OtherTypeFamily implements CommandFamily {
        @Override
        public String name() {
            return "test-other-type";
        }

        @Override
        public void register(CommandRegistrar r) {
            r.command(CommandSpec.builder("test.sethash").arity(2).keys(1, 1, 1).build(),
                    (ctx, args, reply) -> {
                        ctx.db().set(args.get(1), new FakeHash());
                        reply.ok();
                    });
        }
    }

    static final class FakeHash implements RedisValue {
        @Override
        public ValueType type() {
            return ValueType.HASH;
        }

        @Override
        public String encoding() {
            return "listpack";
        }

        @Override
        public RedisValue copy() {
            return this;
        }

        @Override
        public void digest(ValueDigest digest) {
        }

        @Override
        public long memoryUsage() {
            return 0;
        }
    }

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start(new StringCommands(), new OtherTypeFamily());
        smallServer = EmbeddedServer.start(Map.of("proto-max-bulk-len", "1mb"), new StringCommands());
    }

    @AfterAll
    static void stop() {
        server.close();
        smallServer.close();
    }

    private static Jedis client() {
        return new Jedis("127.0.0.1", server.port());
    }

    private static String encoding(String key) throws Exception {
        return server.server().onExecutor(() -> {
            RedisValue v = server.server().keyspace().db(0).peek(key.getBytes(StandardCharsets.UTF_8));
            return v == null ? null : v.encoding();
        });
    }

    private static long expireAt(String key) throws Exception {
        return server.server().onExecutor(() -> server.server().keyspace().db(0).getExpire(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertError(String text, Runnable call) {
        JedisDataException e = assertThrows(JedisDataException.class, call::run);
        assertEquals(text, e.getMessage());
    }

    @Test
    void encodingsFollowHowTheValueWasMade() throws Exception {
        try (Jedis j = client()) {
            j.set("enc:int", "12345");
            assertEquals("int", encoding("enc:int"));
            j.set("enc:lead", "012");
            assertEquals("embstr", encoding("enc:lead"));
            j.set("enc:long", "x".repeat(45));
            assertEquals("raw", encoding("enc:long"));
            j.incr("enc:counter");
            assertEquals("int", encoding("enc:counter"));
            j.incrByFloat("enc:float", 1.0);
            assertEquals("embstr", encoding("enc:float"));
            j.append("enc:int", "");
            assertEquals("raw", encoding("enc:int"), "APPEND unshares even when appending nothing");
            j.append("enc:new", "123");
            assertEquals("int", encoding("enc:new"), "APPEND on a missing key stores the argument as SET would");
            j.set("enc:sr", "abc");
            j.setrange("enc:sr", 0, "");
            assertEquals("embstr", encoding("enc:sr"), "an empty SETRANGE changes nothing");
            j.setrange("enc:sr", 0, "a");
            assertEquals("raw", encoding("enc:sr"));
            j.set("enc:bf", "abc");
            j.bitfieldReadonly("enc:bf", "GET", "u8", "0");
            assertEquals("embstr", encoding("enc:bf"));
            j.bitfield("enc:bf", "SET", "u8", "0", "97");
            assertEquals("raw", encoding("enc:bf"));
            j.set("enc:sb", "abc");
            j.setbit("enc:sb", 0, false);
            assertEquals("raw", encoding("enc:sb"));
            j.bitop(redis.clients.jedis.args.BitOP.NOT, "enc:op", "enc:new");
            assertEquals("raw", encoding("enc:op"));
        }
    }

    @Test
    void writesInPlaceKeepTheTimeToLiveAndReplacementsClearIt() throws Exception {
        try (Jedis j = client()) {
            for (String k : List.of("ttl:incr", "ttl:float", "ttl:append", "ttl:range", "ttl:bit", "ttl:field", "ttl:keep")) {
                j.psetex(k, 100_000, "1");
            }
            j.incr("ttl:incr");
            j.incrByFloat("ttl:float", 0.5);
            j.append("ttl:append", "x");
            j.setrange("ttl:range", 4, "x");
            j.setbit("ttl:bit", 100, true);
            j.bitfield("ttl:field", "SET", "u8", "8", "1");
            j.sendCommand(redis.clients.jedis.Protocol.Command.SET, "ttl:keep", "2", "KEEPTTL");
            for (String k : List.of("ttl:incr", "ttl:float", "ttl:append", "ttl:range", "ttl:bit", "ttl:field", "ttl:keep")) {
                assertTrue(expireAt(k) > 0, k + " kept its expiry");
            }
            for (String k : List.of("ttl:set", "ttl:getset", "ttl:mset", "ttl:persist")) {
                j.psetex(k, 100_000, "1");
            }
            j.set("ttl:set", "2");
            j.getSet("ttl:getset", "2");
            j.mset("ttl:mset", "2");
            j.getEx("ttl:persist", redis.clients.jedis.params.GetExParams.getExParams().persist());
            for (String k : List.of("ttl:set", "ttl:getset", "ttl:mset", "ttl:persist")) {
                assertEquals(Database.NO_EXPIRE, expireAt(k), k + " lost its expiry");
            }
        }
    }

    @Test
    void pastAbsoluteExpiryIsAcceptedAndTheKeyIsGone() {
        try (Jedis j = client()) {
            assertEquals("OK", j.sendCommand(redis.clients.jedis.Protocol.Command.SET, "past:a", "v", "EXAT", "1") instanceof byte[] b
                    ? new String(b, StandardCharsets.UTF_8) : "?");
            assertNull(j.get("past:a"));
            j.set("past:b", "v");
            assertEquals("v", j.getEx("past:b", redis.clients.jedis.params.GetExParams.getExParams().pxAt(1)));
            assertNull(j.get("past:b"));
        }
    }

    @Test
    void commandsOnAnotherTypeAnswerWrongTypeOrTheirOwnText() {
        String wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        try (Jedis j = client()) {
            j.sendCommand(() -> "test.sethash".getBytes(StandardCharsets.US_ASCII), "h");
            assertError(wrongType, () -> j.get("h"));
            assertError(wrongType, () -> j.getSet("h", "v"));
            assertError(wrongType, () -> j.getDel("h"));
            assertError(wrongType, () -> j.incr("h"));
            assertError(wrongType, () -> j.incrByFloat("h", 1));
            assertError(wrongType, () -> j.append("h", "x"));
            assertError(wrongType, () -> j.strlen("h"));
            assertError(wrongType, () -> j.getrange("h", 0, 1));
            assertError(wrongType, () -> j.setrange("h", 0, "x"));
            assertError(wrongType, () -> j.setbit("h", 0, true));
            assertError(wrongType, () -> j.getbit("h", 0));
            assertError(wrongType, () -> j.bitcount("h"));
            assertError(wrongType, () -> j.bitpos("h", true));
            assertError(wrongType, () -> j.bitop(redis.clients.jedis.args.BitOP.AND, "d", "h"));
            assertError(wrongType, () -> j.bitfield("h", "GET", "u8", "0"));
            assertError(wrongType, () -> j.sendCommand(redis.clients.jedis.Protocol.Command.SET, "h", "v", "GET"));
            assertError("ERR The specified keys must contain string values", () -> j.lcs("h", "x", redis.clients.jedis.params.LCSParams.LCSParams()));
            // MGET answers nil for other types, SET replaces them
            j.set("s", "v");
            assertEquals(java.util.Arrays.asList(null, "v"), j.mget("h", "s"));
            assertEquals(0L, j.setnx("h", "v"));
            assertEquals("OK", j.set("h", "v"));
            assertEquals("v", j.get("h"));
        }
    }

    @Test
    void lengthLimitsFollowProtoMaxBulkLen() {
        try (Jedis j = new Jedis("127.0.0.1", smallServer.port())) {
            String tooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
            assertError(tooLong, () -> j.setrange("lim:a", 1048570, "1234567"));
            assertEquals(1048576L, j.setrange("lim:a", 1048570, "123456"));
            assertError(tooLong, () -> j.append("lim:a", "x"));
            assertError("ERR bit offset is not an integer or out of range", () -> j.setbit("lim:b", 8388608, true));
            assertEquals(false, j.setbit("lim:b", 8388607, true));
            j.set("lim:x", "a".repeat(600));
            j.set("lim:y", "a".repeat(600));
            assertError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len",
                    () -> j.lcs("lim:x", "lim:y", redis.clients.jedis.params.LCSParams.LCSParams()));
            j.set("lim:x", "a".repeat(400));
            j.set("lim:y", "a".repeat(400));
            assertEquals(400L, j.lcs("lim:x", "lim:y", redis.clients.jedis.params.LCSParams.LCSParams().len()).getLen());
        }
    }

    @Test
    void binaryValuesRoundTrip() {
        try (Jedis j = client()) {
            byte[] key = {(byte) 0xff, 0, '\r', '\n', (byte) 0x80};
            byte[] value = {0, (byte) 0xfe, '\r', '\n', 0, (byte) 0xc3, (byte) 0x28};
            j.set(key, value);
            assertArrayEquals(value, j.get(key));
            assertEquals(14L, j.append(key, value));
            assertArrayEquals(new byte[] {(byte) 0xfe, '\r'}, j.getrange(key, 1, 2));
        }
    }
}
