package dev.cinnabar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Servers started with {@code --requirepass pw} and {@code --slowlog-log-slower-than 0} (so every
 * command is logged): authentication rules, and the slow log's entries, redaction and trimming.
 */
class RequirePassDifferentialTest {

    private static final String[] OPTIONS = {"--requirepass", "pw", "--slowlog-log-slower-than", "0", "--slowlog-max-len", "5"};

    private static ServerProcess redis;
    private static ServerProcess cinnabar;
    private RawConnection r;
    private RawConnection c;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(ServerProcess.redisAvailable(), "redis-server is not installed");
        redis = ServerProcess.redis(OPTIONS);
        cinnabar = ServerProcess.cinnabar(OPTIONS);
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (cinnabar != null) {
            cinnabar.close();
        }
    }

    @BeforeEach
    void connect() {
        r = redis.connect();
        c = cinnabar.connect();
    }

    @AfterEach
    void disconnect() {
        r.close();
        c.close();
    }

    private void same(String line) {
        sameAfter(line, UnaryOperator.identity());
    }

    private void sameAfter(String line, UnaryOperator<String> normalize) {
        assertEquals(normalize.apply(Replies.show(r.call(line))), normalize.apply(Replies.show(c.call(line))), line);
    }

    private static String helloId(String reply) {
        return reply.replaceAll("id\\\\r\\\\n:\\d+", "id\\\\r\\\\n:ID");
    }

    @Test
    void commandsNeedAuthenticationFirst() {
        same("PING");
        same("GET k");
        same("CLIENT ID");
        same("HELLO");
        same("HELLO 3");
        same("HELLO 4");
        same("HELLO 3 SETNAME x");
        same("HELLO 3 AUTH default");
        same("AUTH bad");
        same("AUTH default bad");
        same("AUTH someone pw");
        same("HELLO 3 AUTH default bad");
        same("PING");
        same("AUTH pw");
        same("PING");
        same("RESET");
        same("PING");
        same("AUTH default pw");
        same("PING");
        same("RESET");
        sameAfter("HELLO 3 AUTH default pw SETNAME abc", RequirePassDifferentialTest::helloId);
        same("CLIENT GETNAME");
        same("PING");
        same("QUIT");
    }

    @Test
    void slowLogRecordsRedactedAndTrimmedCommands() {
        both("AUTH pw");
        same("SLOWLOG RESET");
        both("AUTH default pw");
        both("HELLO 2 AUTH default pw");
        both("CLIENT SETNAME slow");
        both("SET big " + "x".repeat(200));
        StringBuilder many = new StringBuilder("DEL");
        for (int i = 0; i < 40; i++) {
            many.append(" k").append(i);
        }
        both(many.toString());
        sameAfter("SLOWLOG GET", RequirePassDifferentialTest::slowlog);
        sameAfter("SLOWLOG GET 2", RequirePassDifferentialTest::slowlog);
        same("SLOWLOG LEN");
        same("SLOWLOG RESET");
        sameAfter("SLOWLOG GET", RequirePassDifferentialTest::slowlog);
    }

    private void both(String line) {
        r.call(line);
        c.call(line);
    }

    /** Entry ids, times, durations and the client port legitimately differ. */
    private static String slowlog(String reply) {
        return reply.replaceAll("\\*6\\\\r\\\\n:\\d+\\\\r\\\\n:\\d+\\\\r\\\\n:\\d+", "*6\\\\r\\\\n:ID\\\\r\\\\n:TIME\\\\r\\\\n:MICROS")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
                .replaceAll("\\$1[45]\\\\r\\\\n127", "\\$N\\\\r\\\\n127");
    }
}
