package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DBSIZE, FLUSHDB, FLUSHALL, TIME, SHUTDOWN errors, SLOWLOG, LATENCY and MONITOR, compared with Redis. */
class AdminDifferentialTest extends DifferentialTest {

    @Test
    void dbsizeAndFlushes() {
        same("DBSIZE");
        same("SET a 1");
        same("SET b 2");
        same("DBSIZE");
        same("SELECT 1");
        same("SET c 3");
        same("DBSIZE");
        same("FLUSHDB");
        same("DBSIZE");
        same("SELECT 0");
        same("DBSIZE");
        same("FLUSHDB ASYNC");
        same("DBSIZE");
        same("SET a 1");
        same("FLUSHALL sync");
        same("DBSIZE");
        same("FLUSHDB x");
        same("FLUSHDB sync x");
        same("FLUSHALL foo");
        same("FLUSHALL sync async");
        same("FLUSHALL async");
        same("DBSIZE x");
    }

    @Test
    void timeIsSecondsAndMicroseconds() {
        same("TIME x");
        Pattern shape = Pattern.compile("\\*2\\\\r\\\\n\\$10\\\\r\\\\n\\d{10}\\\\r\\\\n\\$\\d\\\\r\\\\n\\d{1,6}\\\\r\\\\n");
        String reply = Replies.show(c.call("TIME"));
        assertTrue(shape.matcher(reply).matches(), reply);
        long redisSeconds = Long.parseLong(Replies.show(r.call("TIME")).split("\\\\r\\\\n")[2]);
        long ourSeconds = Long.parseLong(reply.split("\\\\r\\\\n")[2]);
        assertTrue(Math.abs(redisSeconds - ourSeconds) <= 2);
    }

    @Test
    void shutdownRejectsBadOptionsAndAbortWithoutShutdown() {
        same("SHUTDOWN foo");
        same("SHUTDOWN ABORT");
        same("SHUTDOWN abort abort");
        same("SHUTDOWN NOSAVE SAVE");
        same("SHUTDOWN SAVE ABORT");
        same("SHUTDOWN NOW ABORT");
        same("SHUTDOWN FORCE ABORT");
        same("SHUTDOWN NOSAVE ABORT");
        same("PING");
    }

    @Test
    void slowlogWithDefaultThreshold() {
        same("SLOWLOG HELP");
        same("SLOWLOG RESET");
        same("SLOWLOG LEN");
        same("SLOWLOG GET");
        same("SLOWLOG GET -1");
        same("SLOWLOG GET 0");
        same("SLOWLOG GET -2");
        same("SLOWLOG GET x");
        same("SLOWLOG GET 1 2");
        same("SLOWLOG LEN x");
        same("SLOWLOG RESET x");
        same("SLOWLOG");
        same("SLOWLOG foo");
        both("HELLO 3");
        same("SLOWLOG HELP");
    }

    @Test
    void latencyWithMonitoringDisabled() {
        same("LATENCY HELP");
        same("LATENCY LATEST");
        same("LATENCY HISTORY command");
        same("LATENCY HISTORY");
        same("LATENCY RESET");
        same("LATENCY RESET command fast-command");
        same("LATENCY DOCTOR");
        same("LATENCY LATEST x");
        both("HELLO 3");
        same("LATENCY DOCTOR");
        same("LATENCY LATEST");
    }

    @Test
    void monitorShowsExecutedCommandsEscaped() {
        try (RawConnection rm = redisServer().connect(); RawConnection cm = cinnabarServer().connect()) {
            assertEquals(Replies.show(rm.call("MONITOR")), Replies.show(cm.call("MONITOR")));
            List<String> lines = new ArrayList<>();
            lines.add("SET k v");
            lines.add("GET k");
            lines.add("SELECT 2");
            lines.add("CLIENT SETNAME mon");
            lines.add("AUTH secret");
            lines.add("HELLO 2 AUTH default pw SETNAME m2");
            lines.add("ECHO \"q\\\"\\\\\\n\\r\\t\\x07\\x08\\x00\\xff\\x7f ~\"");
            lines.add("CLIENT LIST");
            lines.add("GET");
            lines.add("NOSUCH");
            lines.add("SLOWLOG LEN");
            lines.add("PING");
            for (String l : lines) {
                r.call(l);
                c.call(l);
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(Replies.monitorLine(rm.readReply()), Replies.monitorLine(cm.readReply()), "monitor line " + i);
            }
            // a second MONITOR gets no reply; RESET ends monitoring
            rm.write(RawConnection.encode(RawConnection.split("MONITOR")));
            cm.write(RawConnection.encode(RawConnection.split("MONITOR")));
            assertEquals(Replies.show(rm.call("RESET")), Replies.show(cm.call("RESET")));
            r.call("PING");
            c.call("PING");
            assertEquals(Replies.show(rm.call("PING")), Replies.show(cm.call("PING")));
        }
    }

}
