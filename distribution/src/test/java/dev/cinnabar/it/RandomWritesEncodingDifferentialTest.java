package dev.cinnabar.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random writes of every type, sent to Redis 7.0.15 and Cinnabar alike, with small
 * encoding limits so that keys cross between encodings both ways as they grow and shrink. Every
 * reply is compared, and at checkpoints every key's encoding, content digest and DUMP payload:
 * byte for byte where the layout does not depend on hash-table order (and, for lists, where no
 * middle edit left nodes cut in a way of its own), otherwise each server RESTOREs the other's
 * payload to the same digest. At the end both reload their own snapshot (DEBUG RELOAD) and are
 * compared again.
 */
class RandomWritesEncodingDifferentialTest extends DifferentialTest {

    private static final String[] LIMITS = {
        "list-max-listpack-size", "hash-max-listpack-entries", "hash-max-listpack-value",
        "set-max-intset-entries", "zset-max-listpack-entries", "zset-max-listpack-value"};

    private Random rnd;
    /** Lists whose nodes a middle edit may have cut differently: compared by content only. */
    private final Set<String> editedLists = new HashSet<>();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void randomWritesKeepEncodingsAndPayloadsAsRedis(int seed) {
        rnd = new Random(seed);
        editedLists.clear();
        List<String> defaults = new ArrayList<>();
        for (String limit : LIMITS) {
            defaults.add(configValue(limit));
        }
        try {
            same("CONFIG SET list-max-listpack-size " + (seed % 2 == 0 ? "4" : "-1"));
            same("CONFIG SET hash-max-listpack-entries 12");
            same("CONFIG SET hash-max-listpack-value 20");
            same("CONFIG SET set-max-intset-entries 16");
            same("CONFIG SET zset-max-listpack-entries 12");
            same("CONFIG SET zset-max-listpack-value 20");
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 250; i++) {
                    same(randomWrite());
                }
                compareEveryKey();
            }
            same("DEBUG RELOAD");
            compareEveryKey();
        } finally {
            for (int i = 0; i < LIMITS.length; i++) {
                both("CONFIG SET " + LIMITS[i] + " " + defaults.get(i));
            }
        }
    }

    private String configValue(String name) {
        String[] lines = new String(c.call("CONFIG GET " + name), StandardCharsets.ISO_8859_1).split("\r\n");
        return lines[lines.length - 1];
    }

    private void compareEveryKey() {
        for (char type : new char[] {'s', 'l', 'e', 'h', 'z'}) {
            for (int k = 0; k < 4; k++) {
                String key = type + Integer.toString(k);
                byte[] encoding = same("OBJECT ENCODING " + key);
                same("DEBUG DIGEST-VALUE " + key);
                String enc = new String(encoding, StandardCharsets.ISO_8859_1);
                if (enc.startsWith("$-1") || enc.startsWith("-")) {
                    continue;
                }
                boolean orderFree = !enc.contains("hashtable") && !enc.contains("skiplist")
                        && !(enc.contains("quicklist") && editedLists.contains(key));
                if (orderFree) {
                    assertArrayEquals(DumpRestoreDifferentialTest.bulk(r.call("DUMP " + key)),
                            DumpRestoreDifferentialTest.bulk(c.call("DUMP " + key)), "DUMP " + key + " (" + enc.trim() + ")");
                }
                crossRestore(key);
            }
        }
    }

    /** Each server RESTOREs the other's payload; the copies must hold what the originals hold. */
    private void crossRestore(String key) {
        byte[] fromRedis = DumpRestoreDifferentialTest.bulk(r.call("DUMP " + key));
        byte[] fromCinnabar = DumpRestoreDifferentialTest.bulk(c.call("DUMP " + key));
        byte[][] toCinnabar = {bytes("RESTORE"), bytes("copy"), bytes("0"), fromRedis, bytes("REPLACE")};
        byte[][] toRedis = {bytes("RESTORE"), bytes("copy"), bytes("0"), fromCinnabar, bytes("REPLACE")};
        assertEquals("+OK\r\n", new String(c.call(toCinnabar), StandardCharsets.ISO_8859_1), "RESTORE of Redis's " + key);
        assertEquals("+OK\r\n", new String(r.call(toRedis), StandardCharsets.ISO_8859_1), "RESTORE of Cinnabar's " + key);
        String[] digests = new String(same("DEBUG DIGEST-VALUE " + key + " copy"), StandardCharsets.ISO_8859_1).split("\r\n");
        assertEquals(digests[1], digests[2], "digest of " + key + " restored from the other server");
        same("OBJECT ENCODING copy");
        same("DEL copy");
    }

    private String key(char type) {
        return type + Integer.toString(rnd.nextInt(4));
    }

    /** A member: mostly short, sometimes an integer, sometimes longer than the listpack value limit. */
    private String member() {
        int kind = rnd.nextInt(10);
        if (kind < 4) {
            return Integer.toString(rnd.nextInt(kind < 2 ? 40 : 100_000) - (kind == 3 ? 50_000 : 0));
        }
        int length = kind < 9 ? 1 + rnd.nextInt(6) : 18 + rnd.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + rnd.nextInt(kind < 9 ? 6 : 26)));
        }
        return sb.toString();
    }

    private String score() {
        return switch (rnd.nextInt(4)) {
            case 0 -> Integer.toString(rnd.nextInt(20));
            case 1 -> String.format("%.3f", rnd.nextDouble() * 100 - 50);
            case 2 -> rnd.nextBoolean() ? "inf" : "-inf";
            default -> "1e" + rnd.nextInt(20);
        };
    }

    private String members(int max) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append(' ').append(member());
        }
        return sb.toString();
    }

    private String integers(int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + rnd.nextInt(max); n > 0; n--) {
            sb.append(' ').append(rnd.nextInt(4) == 0 ? rnd.nextLong() >> rnd.nextInt(64) : rnd.nextInt(30));
        }
        if (max == 1) {
            sb.append(' ').append(member());
        }
        return sb.toString();
    }

    private String randomWrite() {
        return switch (rnd.nextInt(5)) {
            case 0 -> stringWrite();
            case 1 -> listWrite();
            case 2 -> setWrite();
            case 3 -> hashWrite();
            default -> zsetWrite();
        };
    }

    private String stringWrite() {
        String k = key('s');
        return switch (rnd.nextInt(8)) {
            case 0 -> "SET " + k + " " + member();
            case 1 -> "APPEND " + k + " " + member();
            case 2 -> "INCRBY " + k + " " + (rnd.nextInt(2000) - 1000);
            case 3 -> "SETRANGE " + k + " " + rnd.nextInt(50) + " " + member();
            case 4 -> "SETBIT " + k + " " + rnd.nextInt(300) + " " + rnd.nextInt(2);
            case 5 -> "INCRBYFLOAT " + k + " " + score().replace("inf", "1");
            case 6 -> "DEL " + k;
            default -> "SET " + k + " " + rnd.nextInt(20_000);
        };
    }

    /** Lists l0 and l1 only grow and shrink at the ends; l2 and l3 are also edited in the middle. */
    private String listWrite() {
        String k = key('l');
        String edited = "l" + (2 + rnd.nextInt(2));
        switch (rnd.nextInt(12)) {
            case 0, 1, 2:
                return "RPUSH " + k + members(8);
            case 3, 4:
                return "LPUSH " + k + members(8);
            case 5:
                return (rnd.nextBoolean() ? "LPOP " : "RPOP ") + k + " " + (1 + rnd.nextInt(6));
            case 6:
                return "LTRIM " + k + " " + rnd.nextInt(3) + " " + (-1 - rnd.nextInt(3));
            case 7:
                editedLists.add(edited);
                return "LINSERT " + edited + (rnd.nextBoolean() ? " BEFORE " : " AFTER ") + member() + " " + member();
            case 8:
                editedLists.add(edited);
                return "LSET " + edited + " " + (rnd.nextInt(10) - 5) + " " + member();
            case 9:
                editedLists.add(edited);
                return "LREM " + edited + " " + (rnd.nextInt(5) - 2) + " " + member();
            case 10:
                String other = "l" + (2 + rnd.nextInt(2));
                editedLists.add(edited);
                editedLists.add(other);
                return "LMOVE " + edited + " " + other + (rnd.nextBoolean() ? " LEFT" : " RIGHT") + (rnd.nextBoolean() ? " LEFT" : " RIGHT");
            default:
                editedLists.remove(k);
                return "DEL " + k;
        }
    }

    /** Sets e0 and e1 get integers (intsets, up to their limit) and rarely a string; e2 and e3 anything. */
    private String setWrite() {
        String k = key('e');
        boolean ints = k.charAt(1) < '2';
        return switch (rnd.nextInt(9)) {
            case 0, 1, 2 -> "SADD " + k + (ints ? integers(rnd.nextInt(40) == 0 ? 1 : 6) : members(10));
            case 3 -> "SREM " + k + (ints ? integers(6) : members(6));
            case 4 -> "SMOVE " + k + " " + key('e') + " " + member();
            case 5 -> "SINTERSTORE " + k + " " + key('e') + " " + key('e');
            case 6 -> "SUNIONSTORE " + k + " " + key('e') + " " + key('e');
            case 7 -> "SDIFFSTORE " + k + " " + key('e') + " " + key('e');
            default -> "DEL " + k;
        };
    }

    private String hashWrite() {
        String k = key('h');
        return switch (rnd.nextInt(8)) {
            case 0, 1, 2 -> {
                StringBuilder sb = new StringBuilder("HSET " + k);
                for (int i = 1 + rnd.nextInt(5); i > 0; i--) {
                    sb.append(' ').append(member()).append(' ').append(member());
                }
                yield sb.toString();
            }
            case 3 -> "HDEL " + k + members(5);
            case 4 -> "HINCRBY " + k + " " + member() + " " + (rnd.nextInt(100) - 50);
            case 5 -> "HSETNX " + k + " " + member() + " " + member();
            case 6 -> "HINCRBYFLOAT " + k + " " + member() + " 1.5";
            default -> "DEL " + k;
        };
    }

    private String zsetWrite() {
        String k = key('z');
        return switch (rnd.nextInt(9)) {
            case 0, 1, 2 -> {
                StringBuilder sb = new StringBuilder("ZADD " + k);
                for (int i = 1 + rnd.nextInt(5); i > 0; i--) {
                    sb.append(' ').append(score()).append(' ').append(member());
                }
                yield sb.toString();
            }
            case 3 -> "ZREM " + k + members(5);
            case 4 -> "ZINCRBY " + k + " " + (rnd.nextInt(10) - 5) + " " + member();
            case 5 -> "ZREMRANGEBYRANK " + k + " 0 " + rnd.nextInt(3);
            case 6 -> "ZUNIONSTORE " + k + " 2 " + key('z') + " " + key('z') + " AGGREGATE " + (rnd.nextBoolean() ? "MIN" : "MAX");
            case 7 -> "ZINTERSTORE " + k + " 2 " + key('z') + " " + key('z');
            default -> "DEL " + k;
        };
    }
}
