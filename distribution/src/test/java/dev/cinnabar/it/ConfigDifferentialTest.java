package dev.cinnabar.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CONFIG GET/SET/RESETSTAT/HELP and their error texts, compared with Redis 7.0.15. */
class ConfigDifferentialTest extends DifferentialTest {

    @AfterEach
    void restore() {
        both("CONFIG SET hz 10 maxmemory 0 busy-reply-threshold 5000 maxmemory-policy noeviction save \"\"");
    }

    @Test
    void getAnswersUnderTheNameAsSent() {
        same("CONFIG GET hz");
        same("CONFIG GET HZ hz Hz");
        same("CONFIG GET nosuch");
        same("CONFIG GET *time-limit*");
        same("CONFIG GET maxmemory-policy");
        same("CONFIG GET");
    }

    @Test
    void globsMatchTheSameNamesAsRedis() {
        for (String p : new String[] {"*", "*max-*-entries*", "hash-max-*", "*LISTPACK*", "slave-*", "tls-*", "[a-c]*"}) {
            assertEquals(pairs(r.call(bytes("CONFIG"), bytes("GET"), bytes(p))), pairs(c.call(bytes("CONFIG"), bytes("GET"), bytes(p))), "CONFIG GET " + p);
        }
    }

    /**
     * CONFIG GET with a glob answers in hash order: compare "name=value" pairs as a set, leaving
     * out values that depend on how each server was started (port, dir, bind...).
     */
    private static TreeSet<String> pairs(byte[] reply) {
        String[] lines = new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n", -1);
        List<String> bulks = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("$")) {
                bulks.add(lines[++i]);
            }
        }
        TreeSet<String> out = new TreeSet<>();
        Set<String> startup = Set.of("port", "dir", "bind", "appendonly", "enable-debug-command", "enable-module-command",
                "daemonize", "logfile", "pidfile");
        for (int i = 0; i + 1 < bulks.size(); i += 2) {
            out.add(bulks.get(i) + "=" + (startup.contains(bulks.get(i)) ? "*" : bulks.get(i + 1)));
        }
        return out;
    }

    @Test
    void setValidatesLikeRedis() {
        same("CONFIG SET hz 1000");
        same("CONFIG GET hz");
        same("CONFIG SET hz 0");
        same("CONFIG GET hz");
        same("CONFIG SET hz abc");
        same("CONFIG SET HZ 05");
        same("CONFIG SET hz +5");
        same("CONFIG SET a b c");
        same("CONFIG SET hz");
        same("CONFIG SET foo 1 hz 5");
        same("CONFIG SET hz 7 hz 8");
        same("CONFIG SET lua-time-limit x");
        same("CONFIG SET hz 1 DAEMONIZE yes foo x");
        same("CONFIG SET dir /tmp");
        same("CONFIG SET dbfilename x.rdb");
        same("CONFIG SET maxmemory x");
        same("CONFIG SET maxmemory 1.5mb");
        same("CONFIG SET maxmemory-policy x");
        same("CONFIG SET appendfsync x");
        same("CONFIG SET activerehashing maybe");
        same("CONFIG SET active-expire-effort 11");
        same("CONFIG SET save \"1 a\"");
        same("CONFIG SET save \"  \"");
        same("CONFIG SET databases 4");
    }

    @Test
    void setIsAllOrNothing() {
        same("CONFIG SET hz 5 maxmemory x");
        same("CONFIG GET hz");
        same("CONFIG SET hz 20 maxmemory 1MB");
        same("CONFIG GET hz");
        same("CONFIG GET maxmemory");
    }

    @Test
    void aliasesShareOneValue() {
        same("CONFIG SET lua-time-limit 100");
        same("CONFIG GET busy-reply-threshold");
        same("CONFIG SET lua-time-limit 200 busy-reply-threshold 300");
        same("CONFIG GET lua-time-limit");
        same("CONFIG SET hash-max-ziplist-entries 100");
        same("CONFIG GET hash-max-listpack-entries");
        same("CONFIG SET hash-max-ziplist-entries 512");
    }

    @Test
    void valuesAreNormalizedLikeRedis() {
        same("CONFIG SET maxmemory-policy ALLKEYS-LRU");
        same("CONFIG GET maxmemory-policy");
        same("CONFIG SET maxmemory 1MB");
        same("CONFIG GET maxmemory");
        same("CONFIG SET save \"100   10 20 30\"");
        same("CONFIG SET save \"100 10 20 30\"");
        same("CONFIG GET save");
        same("CONFIG SET activerehashing YES");
        same("CONFIG GET activerehashing");
    }

    @Test
    void helpResetstatAndArityMatchRedis() {
        same("CONFIG HELP");
        same("CONFIG RESETSTAT");
        same("CONFIG RESETSTAT x");
        same("CONFIG NOSUCH");
        same("CONFIG");
    }
}
