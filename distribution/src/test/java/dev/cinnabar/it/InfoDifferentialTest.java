package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * INFO: the same section headers, field names and field order as Redis 7.0.15 (values differ by
 * nature). Per-command and per-error lines, and Cinnabar's own {@code cinnabar_version}, are
 * compared separately.
 */
class InfoDifferentialTest extends DifferentialTest {

    private static List<String> shape(byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        text = text.substring(text.indexOf("\r\n") + 2);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r\n", -1)) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
            if (name.startsWith("cmdstat_") || name.startsWith("latency_percentiles_usec_")
                    || name.startsWith("errorstat_") || name.matches("db\\d+") || name.equals("cinnabar_version")) {
                continue;
            }
            out.add(name);
        }
        return out;
    }

    /** cmdstat lines without timings, sorted (Redis prints them in hash order). */
    private static java.util.TreeSet<String> counters(byte[] reply) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String line : new String(reply, StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:") && !line.startsWith("cmdstat_config|resetstat:")) {
                out.add(line.replaceAll("usec=\\d+,usec_per_call=[0-9.]+,", ""));
            }
        }
        return out;
    }

    private void sameShape(String line) {
        assertEquals(shape(r.call(line)), shape(c.call(line)), line);
    }

    @Test
    void sectionsAndFieldsMatchRedis() {
        sameShape("INFO");
        sameShape("INFO default");
        sameShape("INFO all");
        sameShape("INFO everything");
        sameShape("INFO server");
        sameShape("INFO cpu CPU");
        sameShape("INFO cpu default");
        sameShape("INFO server clients keyspace");
        sameShape("INFO modules");
        sameShape("INFO cluster");
        sameShape("INFO commandstats");
    }

    @Test
    void unknownSectionIsAnEmptyBulk() {
        same("INFO nosuch");
    }

    @Test
    void commandAndErrorStatsCountLikeRedis() {
        both("CONFIG RESETSTAT");
        both("SET k v");
        both("GET k");
        both("GET");
        both("SELECT x");
        both("NOSUCH");
        assertEquals(counters(r.call("INFO commandstats")), counters(c.call("INFO commandstats")));
        same("INFO errorstats");
    }

    @Test
    void keyspaceSectionListsNonEmptyDatabases() {
        both("SELECT 11");
        both("DEL ks-a ks-b");
        both("SET ks-a 1");
        both("SET ks-b 1");
        assertEquals(dbLine(r.call("INFO keyspace"), 11), dbLine(c.call("INFO keyspace"), 11));
        assertEquals("db11:keys=2,expires=0,avg_ttl=0", dbLine(c.call("INFO keyspace"), 11));
        both("DEL ks-a ks-b");
        assertEquals(null, dbLine(c.call("INFO keyspace"), 11), "empty databases are not listed");
    }

    private static String dbLine(byte[] reply, int db) {
        for (String line : new String(reply, StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.startsWith("db" + db + ":")) {
                return line;
            }
        }
        return null;
    }

    @Test
    void versionFieldsAreReadable() {
        String info = new String(c.call("INFO server"), StandardCharsets.ISO_8859_1);
        assertTrue(info.contains("\r\nredis_version:7.0.15\r\n"), info);
        assertTrue(info.contains("\r\nredis_git_sha1:00000000\r\n"), info);
        assertTrue(info.matches("(?s).*\r\nrun_id:[0-9a-f]{40}\r\n.*"), info);
    }
}
