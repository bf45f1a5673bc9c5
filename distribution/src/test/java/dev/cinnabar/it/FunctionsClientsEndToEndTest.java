package dev.cinnabar.it;

import io.lettuce.core.FlushMode;
import io.lettuce.core.FunctionRestoreMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.FunctionRestorePolicy;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.FunctionStats;
import redis.clients.jedis.resps.LibraryInfo;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis and Lettuce loading function libraries and calling them, as applications do. */
class FunctionsClientsEndToEndTest {

    private static final String LIMITER = """
            #!lua name=limiter
            local function take(keys, args)
              local v = redis.call('HMGET', keys[1], 'tokens', 'ts')
              local tokens = tonumber(v[1]) or tonumber(args[1])
              if tokens < 1 then return 0 end
              redis.call('HSET', keys[1], 'tokens', tokens - 1, 'ts', args[2])
              redis.call('PEXPIRE', keys[1], 60000)
              return 1
            end
            redis.register_function('take', take)
            redis.register_function{function_name='peek', callback=function(keys) return redis.call('HGET', keys[1], 'tokens') end,
              flags={'no-writes'}, description='tokens left'}
            """;

    private static ServerProcess cinnabar;
    private static RedisClient lettuce;

    @BeforeAll
    static void start() {
        cinnabar = ServerProcess.cinnabar();
        lettuce = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(cinnabar.port())
                .withTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() {
        if (lettuce != null) {
            lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    @Test
    void jedisLoadsListsCallsDumpsAndRestores() {
        try (Jedis j = new Jedis("127.0.0.1", cinnabar.port())) {
            j.functionFlush();
            j.flushAll();
            assertEquals("limiter", j.functionLoad(LIMITER));
            JedisDataException exists = assertThrows(JedisDataException.class, () -> j.functionLoad(LIMITER));
            assertEquals("ERR Library 'limiter' already exists", exists.getMessage());
            assertEquals("limiter", j.functionLoadReplace(LIMITER));
            for (int i = 0; i < 3; i++) {
                assertEquals(1L, j.fcall("take", List.of("bucket"), List.of("3", "1000")));
            }
            assertEquals(0L, j.fcall("take", List.of("bucket"), List.of("3", "1000")));
            assertEquals("0", j.fcallReadonly("peek", List.of("bucket"), List.of()));
            JedisDataException ro = assertThrows(JedisDataException.class, () -> j.fcallReadonly("take", List.of("bucket"), List.of("3", "1")));
            assertEquals("ERR Can not execute a script with write flag using *_ro command.", ro.getMessage());

            List<LibraryInfo> libs = j.functionListWithCode();
            assertEquals(1, libs.size());
            assertEquals("limiter", libs.get(0).getLibraryName());
            assertEquals("LUA", libs.get(0).getEngine());
            assertEquals(LIMITER, libs.get(0).getLibraryCode());
            assertEquals(2, libs.get(0).getFunctions().size());
            assertEquals(1, j.functionList("lim*").size());
            assertEquals(0, j.functionList("nothing").size());

            FunctionStats stats = j.functionStats();
            assertNull(stats.getRunningScript());
            assertEquals(1L, stats.getEngines().get("LUA").get("libraries_count"));
            assertEquals(2L, stats.getEngines().get("LUA").get("functions_count"));

            byte[] dump = j.functionDump();
            assertEquals("OK", j.functionFlush());
            assertThrows(JedisDataException.class, () -> j.fcall("take", List.of("bucket"), List.of("3", "1")));
            assertEquals("OK", j.functionRestore(dump));
            assertThrows(JedisDataException.class, () -> j.functionRestore(dump));
            assertEquals("OK", j.functionRestore(dump, FunctionRestorePolicy.REPLACE));
            assertArrayEquals(dump, j.functionDump());
            assertEquals("0", j.fcallReadonly("peek", List.of("bucket"), List.of()));
            assertEquals("OK", j.functionDelete("limiter"));
            JedisDataException kill = assertThrows(JedisDataException.class, j::functionKill);
            assertEquals("NOTBUSY No scripts in execution right now.", kill.getMessage());
        }
    }

    @Test
    void lettuceLoadsAndCallsOverResp2AndResp3() {
        for (ProtocolVersion protocol : new ProtocolVersion[] {ProtocolVersion.RESP2, ProtocolVersion.RESP3}) {
            lettuce.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
            try (StatefulRedisConnection<String, String> conn = lettuce.connect()) {
                RedisCommands<String, String> cmd = conn.sync();
                cmd.functionFlush(FlushMode.SYNC);
                cmd.flushall();
                assertEquals("limiter", cmd.functionLoad(LIMITER));
                assertEquals("limiter", cmd.functionLoad(LIMITER, true));
                Long took = cmd.fcall("take", ScriptOutputType.INTEGER, new String[] {"bucket"}, "2", "1000");
                assertEquals(1L, took);
                String left = cmd.fcallReadOnly("peek", ScriptOutputType.VALUE, "bucket");
                assertEquals("1", left);
                RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                        () -> cmd.fcall("nope", ScriptOutputType.INTEGER));
                assertEquals("ERR Function not found", e.getMessage());

                // Lettuce gives the maps as maps over RESP3 and as flat lists over RESP2
                List<?> list = cmd.functionList();
                assertEquals(1, list.size());
                String library = String.valueOf(list.get(0));
                assertTrue(library.contains("library_name") && library.contains("limiter") && library.contains("LUA")
                        && library.contains("take") && library.contains("tokens left"), library);
                assertTrue(cmd.functionList("x*").isEmpty());

                byte[] dump = cmd.functionDump();
                assertEquals("OK", cmd.functionRestore(dump, FunctionRestoreMode.FLUSH));
                assertEquals("OK", cmd.functionRestore(dump, FunctionRestoreMode.REPLACE));
                assertThrows(RedisCommandExecutionException.class, () -> cmd.functionRestore(dump));
                assertEquals("1", cmd.fcallReadOnly("peek", ScriptOutputType.VALUE, "bucket"));
            }
        }
    }
}
