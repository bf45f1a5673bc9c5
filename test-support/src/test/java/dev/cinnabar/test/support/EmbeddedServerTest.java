package dev.cinnabar.test.support;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.CommandSpec;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddedServerTest {

    static final class Hello implements CommandFamily {
        @Override
        public String name() {
            return "hello";
        }

        @Override
        public void register(CommandRegistrar r) {
            r.command(CommandSpec.builder("hello.world").arity(-1).build(),
                    (ctx, args, reply) -> reply.bulk(args.count() > 1 ? args.get(1) : "world".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void servesTheFamilyUnderTestAndTheKernelCommands() {
        try (EmbeddedServer s = EmbeddedServer.start(new Hello()); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("PONG", j.ping());
            assertEquals("world", new String((byte[]) j.sendCommand(() -> "HELLO.WORLD".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.get("k"));
            assertEquals("ERR unknown command 'GET', with args beginning with: 'k' ", e.getMessage());
        }
    }

    @Test
    void standardCommandsAndConfigurationOnRequest() {
        try (EmbeddedServer s = EmbeddedServer.builder().families(new Hello()).withStandardCommands()
                .config("hz", "20").start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("OK", j.set("k", "v"));
            assertEquals("v", j.get("k"));
            assertEquals(-1L, j.ttl("k"));
            assertEquals("20", j.configGet("hz").get("hz"));
        }
    }
}
