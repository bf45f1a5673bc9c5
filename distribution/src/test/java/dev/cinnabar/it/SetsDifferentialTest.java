package dev.cinnabar.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set commands of {@code t_set.c} (commands-sets plugin) against Redis 7.0.15. Intset replies
 * are in numeric order in both servers and are compared byte for byte; hashtable replies have no
 * defined order and are compared as a header plus the sorted elements ({@link #sameMembers}).
 */
class SetsDifferentialTest extends DifferentialTest {

    @AfterEach
    void restoreIntsetLimit() {
        both("CONFIG SET set-max-intset-entries 512");
    }

    // ---- SADD, encodings, SMEMBERS

    @Test
    void saddCountsNewMembersAndKeepsIntsetsSorted() {
        same("SADD s 3 1 2");
        same("SADD s 2 4 4 -5");
        same("OBJECT ENCODING s");
        same("SMEMBERS s");
        same("SCARD s");
        same("SADD s 9223372036854775807 -9223372036854775808");
        same("OBJECT ENCODING s");
        same("SMEMBERS s");
        same("TYPE s");
        same("SADD s");
        same("SMEMBERS nokey");
    }

    @Test
    void nonCanonicalIntegersMakeAHashtable() {
        for (String m : List.of("01", "-0", "+1", "\" 1\"", "1.0", "9223372036854775808", "-9223372036854775809", "a", "\"\"")) {
            both("DEL n");
            same("SADD n 7 " + m);
            same("OBJECT ENCODING n");
            sameMembers("SMEMBERS n");
            same("SISMEMBER n " + m);
        }
        same("SADD first a 1");
        same("OBJECT ENCODING first");
    }

    @Test
    void intsetLimitConvertsOnceAndNeverBack() {
        both("CONFIG SET set-max-intset-entries 4");
        same("SADD s 1 2 3 4");
        same("OBJECT ENCODING s");
        same("SADD s 4");
        same("OBJECT ENCODING s");
        same("SADD s 5");
        same("OBJECT ENCODING s");
        same("SREM s 5 4 3");
        same("OBJECT ENCODING s");
        sameMembers("SMEMBERS s");
        both("CONFIG SET set-max-intset-entries 0");
        same("SADD z 1");
        same("OBJECT ENCODING z");
    }

    @Test
    void wrongTypeIsReportedByEveryCommand() {
        both("SET str v");
        both("SADD s 1");
        for (String cmd : List.of("SADD str a", "SREM str a", "SMEMBERS str", "SISMEMBER str a", "SMISMEMBER str a b",
                "SCARD str", "SPOP str", "SPOP str 2", "SRANDMEMBER str", "SRANDMEMBER str 2", "SRANDMEMBER str -2",
                "SMOVE str s a", "SMOVE s str 1", "SINTER s str", "SINTER nokey str", "SINTERSTORE d s str",
                "SUNION s str", "SUNIONSTORE d str", "SDIFF str s", "SDIFF s nokey str", "SDIFFSTORE d s str",
                "SINTERCARD 2 nokey str", "SSCAN str 0", "SSCAN str 0 COUNT 0", "SSCAN str 0 TYPE x")) {
            same(cmd);
        }
        // a missing source wins over a wrong-typed destination
        same("SMOVE nokey str a");
        same("SSCAN str x");
        same("GET str");
    }

    // ---- SREM, SISMEMBER, SMISMEMBER, SCARD

    @Test
    void sremCountsAndDeletesTheEmptiedSet() {
        same("SREM nokey a");
        same("SADD s 1 2 a");
        same("SREM s 2 x 2");
        sameMembers("SMEMBERS s");
        same("SREM s 1 a b");
        same("EXISTS s");
        same("SADD i 1 2 3");
        same("SREM i 1 01 x");
        same("SMEMBERS i");
        same("SREM i 2 3");
        same("EXISTS i");
    }

    @Test
    void membershipQueries() {
        same("SADD s 1 2 b");
        same("SADD i 10 20");
        same("SISMEMBER s b");
        same("SISMEMBER s 1");
        same("SISMEMBER s c");
        same("SISMEMBER i 10");
        same("SISMEMBER i 010");
        same("SISMEMBER i x");
        same("SISMEMBER nokey a");
        same("SMISMEMBER s 1 b c 2 2");
        same("SMISMEMBER i 10 x 20 30");
        same("SMISMEMBER nokey a b");
        same("SCARD s");
        same("SCARD nokey");
    }

    // ---- SMOVE

    @Test
    void smoveMovesCreatesAndDeletes() {
        same("SADD src 1 2 a");
        same("SMOVE src dst 1");
        same("OBJECT ENCODING dst");
        same("SMOVE src dst a");
        same("OBJECT ENCODING dst");
        sameMembers("SMEMBERS dst");
        same("SMOVE src dst x");
        same("SMOVE src dst 2");
        same("EXISTS src");
        same("SMOVE dst dst 1");
        same("SMOVE dst dst zz");
        same("SMOVE nokey dst 1");
        same("SADD t 5");
        same("SMOVE dst t 1");
        same("SMEMBERS t");
        same("OBJECT ENCODING t");
        same("SADD dst 1");
        same("SMOVE dst t 1");
        same("SCARD t");
    }

    // ---- SINTER, SUNION, SDIFF and their STORE forms

    @Test
    void intersectionUnionAndDifferenceOfIntsetsInOrder() {
        same("SADD a 5 3 1 7 9");
        same("SADD b 3 4 5 9 100");
        same("SADD c 9 5 -1");
        same("SINTER a b");
        same("SINTER a b c");
        same("SINTER a");
        same("SINTER a nokey");
        same("SINTER nokey a");
        same("SUNION a b c");
        same("SUNION nokey a");
        same("SUNION nokey");
        same("SDIFF a b");
        same("SDIFF a b c");
        same("SDIFF a a");
        same("SDIFF a nokey");
        same("SDIFF nokey a");
        same("SMEMBERS a");
    }

    @Test
    void intersectionUnionAndDifferenceOfHashtables() {
        same("SADD a x y z 1 2");
        same("SADD b y z w 2 3");
        same("SADD c z 2 q");
        sameMembers("SINTER a b");
        sameMembers("SINTER a b c");
        sameMembers("SUNION a b c");
        sameMembers("SDIFF a b");
        sameMembers("SDIFF a c b");
        same("SADD ints 1 2 3");
        same("SINTER a ints");
        sameMembers("SUNION ints a");
        same("SDIFF ints a");
        same("SDIFF ints ints");
    }

    @Test
    void storeFormsPickTheCompactEncodingAndDeleteOnEmpty() {
        same("SADD a x 1 2 3");
        same("SADD b 1 2 3 y");
        same("SINTERSTORE d a b");
        same("OBJECT ENCODING d");
        same("SMEMBERS d");
        same("SUNIONSTORE u a b");
        same("OBJECT ENCODING u");
        sameMembers("SMEMBERS u");
        same("SDIFFSTORE df a b");
        same("OBJECT ENCODING df");
        same("SMEMBERS df");
        same("SDIFFSTORE dd b a");
        same("SMEMBERS dd");
        same("OBJECT ENCODING dd");
        // empty results delete the destination, even one of another type; a TTL goes with the old value
        same("SET str v");
        same("SINTERSTORE str a nokey");
        same("EXISTS str");
        same("SET str v");
        same("SUNIONSTORE str a");
        same("TYPE str");
        same("EXPIRE str 100");
        same("SUNIONSTORE str b");
        same("TTL str");
        same("SDIFFSTORE str a a");
        same("EXISTS str");
        same("SDIFFSTORE nothing nokey a");
        same("SUNIONSTORE nothing nokey");
        same("EXISTS nothing");
        // the destination may be a source
        same("SINTERSTORE a a b");
        same("SMEMBERS a");
    }

    @Test
    void storeResultsRespectTheIntsetLimit() {
        both("CONFIG SET set-max-intset-entries 4");
        same("SADD a 1 2 3 4 5 6 7");
        same("SADD b 1 2");
        same("SADD c 3");
        // Redis copies a and removes b and c (cheaper by its estimate): the copy outgrew the intset
        same("SDIFFSTORE d a b c");
        same("OBJECT ENCODING d");
        sameMembers("SMEMBERS d");
        // probing a against b only: the result never outgrows the intset
        same("SDIFFSTORE e a b nokey");
        same("SDIFFSTORE e a b");
        same("OBJECT ENCODING e");
        sameMembers("SMEMBERS e");
        same("SDIFFSTORE e a b e");
        same("OBJECT ENCODING e");
        same("SMEMBERS e");
        same("SUNIONSTORE u b c");
        same("OBJECT ENCODING u");
        same("SUNIONSTORE u a");
        same("OBJECT ENCODING u");
        same("SINTERSTORE i a a");
        same("OBJECT ENCODING i");
    }

    @Test
    void sintercardCountsWithLimitAndCheckesArgumentsFirst() {
        same("SADD a 1 2 3 4 x");
        same("SADD b 2 3 4 x y");
        same("SINTERCARD 2 a b");
        same("SINTERCARD 1 a");
        same("SINTERCARD 2 a b LIMIT 2");
        same("SINTERCARD 2 a b limit 0");
        same("SINTERCARD 2 a b LIMIT 100");
        same("SINTERCARD 2 a b LIMIT 1 LIMIT 0");
        same("SINTERCARD 2 a nokey");
        same("SINTERCARD 0 a");
        same("SINTERCARD -1 a");
        same("SINTERCARD x a");
        same("SINTERCARD 3 a b");
        same("SINTERCARD 99999999999999999 a b");
        same("SINTERCARD 2 a b LIMIT -1");
        same("SINTERCARD 2 a b LIMIT x");
        same("SINTERCARD 2 a b LIMIT");
        same("SINTERCARD 2 a b FOO 1");
        same("SINTERCARD 1 nokey LIMIT x");
        same("SINTERCARD");
        same("SINTERCARD 1");
        same(bytes("SINTERCARD"), bytes("2"), bytes("a"), bytes("b"), bytes("limit\0junk"), bytes("1"));
    }

    // ---- SPOP, SRANDMEMBER

    @Test
    void spopAndSrandmemberArgumentErrors() {
        same("SADD s 1 2 3");
        same("SPOP s -1");
        same("SPOP nokey -1");
        same("SPOP s x");
        same("SPOP s 1 2");
        same("SPOP nokey 1 2");
        same("SRANDMEMBER s x");
        same("SRANDMEMBER s 1 2");
        same("SRANDMEMBER s -9223372036854775808");
        same("SRANDMEMBER nokey -9223372036854775808");
        same("SRANDMEMBER s 9223372036854775808");
        same("SCARD s");
    }

    @Test
    void spopAndSrandmemberDeterministicAnswers() {
        for (int protocol : new int[] {2, 3}) {
            both("FLUSHALL");
            both("HELLO " + protocol);
            same("SPOP nokey");
            same("SPOP nokey 3");
            same("SPOP nokey 0");
            same("SRANDMEMBER nokey");
            same("SRANDMEMBER nokey 3");
            same("SRANDMEMBER nokey -3");
            same("SADD s 3 1 2");
            same("SPOP s 0");
            same("SRANDMEMBER s 0");
            same("SRANDMEMBER s 3");
            same("SRANDMEMBER s 10");
            same("SADD one x");
            same("SRANDMEMBER one");
            same("SRANDMEMBER one 1");
            same("SRANDMEMBER one -4");
            same("SPOP one 1");
            same("EXISTS one");
            same("SADD one y");
            same("SPOP one");
            same("EXISTS one");
            // the whole set: computed as SUNION, so a set reply in numeric order for an intset
            same("SPOP s 3");
            same("EXISTS s");
            same("SADD s 30 10 20");
            same("SPOP s 100");
            same("SADD h a b c");
            sameMembers("SRANDMEMBER h 3");
            sameMembers("SPOP h 5");
            same("EXISTS h");
        }
    }

    @Test
    void spopAndSrandmemberPickMembersOfTheSet() {
        for (int protocol : new int[] {2, 3}) {
            for (String members : List.of("1 2 3 4 5 6 7 8 9 10", "a b c d e f g h i j")) {
                both("FLUSHALL");
                both("HELLO " + protocol);
                same("SADD s " + members);
                Set<String> all = Set.of(members.split(" "));
                for (String count : List.of("1", "3", "4", "9", "-1", "-5", "-25")) {
                    List<String> expected = elements(r.call("SRANDMEMBER s " + count));
                    List<String> actual = elements(c.call("SRANDMEMBER s " + count));
                    assertEquals(expected.get(0), actual.get(0), "reply header of SRANDMEMBER s " + count);
                    assertTrue(all.containsAll(actual.subList(1, actual.size())), actual.toString());
                    if (!count.startsWith("-")) {
                        assertEquals(actual.size() - 1, new HashSet<>(actual.subList(1, actual.size())).size(), "distinct: " + actual);
                    }
                }
                List<String> single = elements(c.call("SRANDMEMBER s"));
                assertTrue(all.contains(single.get(0)), single.toString());
                // SPOP in each of its strategies: one by one (2 of 10) and keep-the-survivors (9 of 10)
                Set<String> left = new HashSet<>(all);
                for (String count : List.of("2", "6")) {
                    List<String> expected = elements(r.call("SPOP s " + count));
                    List<String> popped = elements(c.call("SPOP s " + count));
                    assertEquals(expected.get(0), popped.get(0), "reply header of SPOP s " + count);
                    for (String m : popped.subList(1, popped.size())) {
                        assertTrue(left.remove(m), "popped " + m + " twice or never had it");
                    }
                }
                r.call("SPOP s");
                String one = elements(c.call("SPOP s")).get(0);
                assertTrue(left.remove(one), one);
                assertEquals(new TreeSet<>(left), new TreeSet<>(elements(c.call("SMEMBERS s")).subList(1, 2)));
                same("SCARD s");
                same("OBJECT ENCODING s");
            }
        }
    }

    @Test
    void spopWithManyMembersKeepsTheRestAndTheTtl() {
        StringBuilder sb = new StringBuilder("SADD big");
        for (int i = 0; i < 1000; i++) {
            sb.append(' ').append(i);
        }
        same(sb.toString());
        same("EXPIRE big 1000");
        same("OBJECT ENCODING big");
        assertEquals(elements(r.call("SPOP big 990")).size(), elements(c.call("SPOP big 990")).size());
        same("SCARD big");
        same("TTL big");
        same("OBJECT ENCODING big");
        assertEquals(elements(r.call("SPOP big 5")).size(), elements(c.call("SPOP big 5")).size());
        same("SCARD big");
    }

    @Test
    void srandmemberWithAHugeNegativeCountDoesNotExhaustTheServer() {
        both("SADD s a");
        byte[] reply = c.call("SRANDMEMBER s -2000000000");
        // Redis would try to buffer 14 GB of replies; Cinnabar refuses before writing anything
        assertEquals('-', reply[0], Replies.show(reply));
        same("SRANDMEMBER s -1000");
    }

    // ---- SSCAN

    @Test
    void sscanReturnsAnIntsetWholeWithCursorZero() {
        same("SADD s 5 1 10 3");
        same("SSCAN s 0");
        same("SSCAN s 0 COUNT 1");
        same("SSCAN s 12345 COUNT 1");
        same("SSCAN s 0 MATCH 1*");
        same("SSCAN s 0 match * count 2");
        same("SSCAN nokey 0");
        same("SSCAN nokey 0 COUNT 0");
        same("SSCAN nokey x");
        same("SSCAN s x");
        same("SSCAN s -1");
        same("SSCAN s 0 COUNT 0");
        same("SSCAN s 0 COUNT x");
        same("SSCAN s 0 TYPE set");
        same("SSCAN s 0 MATCH");
        same("SSCAN s 0 FOO bar");
    }

    @Test
    void sscanOfAHashtableVisitsEveryMember() {
        StringBuilder sb = new StringBuilder("SADD h");
        for (int i = 0; i < 300; i++) {
            sb.append(" m").append(i);
        }
        same(sb.toString());
        assertEquals(scanAll(r, ""), scanAll(c, ""));
        assertEquals(300, scanAll(c, " COUNT 7").size());
        assertEquals(scanAll(r, " MATCH m1*"), scanAll(c, " MATCH m1*"));
        assertEquals(scanAll(r, " MATCH *9 COUNT 1000"), scanAll(c, " MATCH *9 COUNT 1000"));
        same("SSCAN h 0 COUNT 0");
        // COUNT*10 overflows in Redis and the scan then runs to the end in one call
        assertEquals(RespArrays.scan(r.call("SSCAN h 0 COUNT 9223372036854775807")).get(0), "0");
        assertEquals(RespArrays.scan(c.call("SSCAN h 0 COUNT 9223372036854775807")).get(0), "0");
        assertEquals(scanAll(r, " COUNT 9223372036854775807"), scanAll(c, " COUNT 9223372036854775807"));
    }

    // ---- RESP3 and binary members

    @Test
    void resp3RepliesUseTheSetType() {
        both("HELLO 3");
        same("SADD i 3 1 2");
        same("SADD h a b");
        same("SMEMBERS i");
        same("SMEMBERS nokey");
        sameMembers("SMEMBERS h");
        same("SINTER i i");
        same("SINTER i nokey");
        same("SUNION i nokey");
        same("SDIFF i nokey");
        sameMembers("SUNION h i");
        same("SMISMEMBER i 1 5");
        same("SSCAN i 0");
        same("SSCAN nokey 0");
        same("SPOP nokey");
        same("SRANDMEMBER nokey");
        same("SRANDMEMBER i 10");
        same("SRANDMEMBER i 0");
        same("SINTERCARD 1 i");
    }

    @Test
    void binaryMembersSurviveEveryCommand() {
        byte[] a = {0, (byte) 0xff, '\r', '\n', 'x'};
        byte[] b = {(byte) 0x80, 0, 0};
        byte[] empty = {};
        same(bytes("SADD"), bytes("bin"), a, b, empty, bytes("1"));
        same(bytes("SISMEMBER"), bytes("bin"), a);
        same(bytes("SISMEMBER"), bytes("bin"), new byte[] {0, (byte) 0xff});
        same(bytes("SMISMEMBER"), bytes("bin"), b, empty, bytes("2"));
        sameMembers(bytes("SMEMBERS"), bytes("bin"));
        same(bytes("SADD"), bytes("other"), b, bytes("z"));
        same(bytes("SINTER"), bytes("bin"), bytes("other"));
        sameMembers(bytes("SUNION"), bytes("bin"), bytes("other"));
        sameMembers(bytes("SDIFF"), bytes("bin"), bytes("other"));
        same(bytes("SMOVE"), bytes("bin"), bytes("other"), empty);
        sameMembers(bytes("SMEMBERS"), bytes("other"));
        same(bytes("SREM"), bytes("bin"), a, empty);
        sameMembers(bytes("SMEMBERS"), bytes("bin"));
        same(bytes("SSCAN"), bytes("other"), bytes("0"), bytes("MATCH"), new byte[] {'[', (byte) 0x80, ']', '*'});
        same(bytes("SADD"), bytes("k\0ey"), a);
        same(bytes("SMEMBERS"), bytes("k\0ey"));
    }

    @Test
    void intersectionOfMixedEncodingsAndCopies() {
        same("SADD a 1 2 3");
        same("SADD b 3 2 x");
        same("SINTER a b");
        sameMembers("SINTER b a");
        same("SINTERCARD 2 b a");
        same("COPY a a2");
        same("SADD a2 4");
        same("SMEMBERS a");
        same("SMEMBERS a2");
        same("OBJECT ENCODING a2");
        same("RENAME b b2");
        sameMembers("SMEMBERS b2");
        same("SMEMBERS b");
    }

    /**
     * A seeded random mix of every deterministic set command over a few keys, with a low intset
     * limit so sets change encoding often; every reply and each key's encoding must match.
     */
    @Test
    void randomWorkloadMatchesRedis() {
        both("CONFIG SET set-max-intset-entries 8");
        java.util.Random random = new java.util.Random(7);
        String[] keys = {"k0", "k1", "k2", "k3"};
        for (int step = 0; step < 1500; step++) {
            String k = keys[random.nextInt(keys.length)];
            String k2 = keys[random.nextInt(keys.length)];
            String k3 = keys[random.nextInt(keys.length)];
            StringBuilder members = new StringBuilder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                members.append(' ').append(random.nextInt(20) == 0 ? "s" + random.nextInt(5) : String.valueOf(random.nextInt(24) - 4));
            }
            switch (random.nextInt(12)) {
                case 0, 1, 2 -> same("SADD " + k + members);
                case 3, 4 -> same("SREM " + k + members);
                case 5 -> same("SMOVE " + k + " " + k2 + " " + (random.nextInt(24) - 4));
                case 6 -> same("SINTERSTORE " + k + " " + k2 + " " + k3);
                case 7 -> same("SUNIONSTORE " + k + " " + k2 + " " + k3);
                case 8 -> same("SDIFFSTORE " + k + " " + k2 + " " + k3);
                case 9 -> sameMembers("SINTER " + k + " " + k2);
                case 10 -> sameMembers("SDIFF " + k + " " + k2 + " " + k3);
                default -> same("SMISMEMBER " + k + members);
            }
            if (step % 25 == 0) {
                for (String key : keys) {
                    same("OBJECT ENCODING " + key);
                    same("SCARD " + key);
                    sameMembers("SMEMBERS " + key);
                }
            }
        }
    }

    @Test
    void aFullIntsetListsInNumericOrderAndOneMoreMakesAHashtable() {
        StringBuilder sb = new StringBuilder("SADD s");
        for (int i = 0; i < 512; i++) {
            sb.append(' ').append((i * 7919L) % 100_003 - 50_000);
        }
        same(sb.toString());
        same("OBJECT ENCODING s");
        same("SMEMBERS s");
        same("SSCAN s 0");
        same("SUNION s");
        same("SADD s 99999999");
        same("OBJECT ENCODING s");
        sameMembers("SMEMBERS s");
        same("SUNIONSTORE u s");
        same("OBJECT ENCODING u");
        same("SREM s 99999999");
        same("SUNIONSTORE u s");
        same("OBJECT ENCODING u");
        same("SMEMBERS u");
    }

    @Test
    void commandMetadataAndKeyExtraction() {
        same("COMMAND INFO sadd srem smove sintercard sinterstore sscan spop srandmember smismember");
        same("COMMAND GETKEYS SINTERCARD 2 a b LIMIT 1");
        same("COMMAND GETKEYS SMOVE a b m");
        same("COMMAND GETKEYS SDIFFSTORE d a b");
        same("SADD");
        same("SMISMEMBER s");
        same("SMOVE a b");
        same("SSCAN s");
        same("SINTERCARD 1");
    }

    // ---- helpers

    /** Compares the reply header exactly and the elements as sorted lists (hashtable order is unspecified). */
    private void sameMembers(String line) {
        sameMembers(RawConnection.split(line));
    }

    private void sameMembers(byte[]... args) {
        List<String> expected = elements(r.call(args));
        List<String> actual = elements(c.call(args));
        assertEquals(expected.get(0), actual.get(0), "reply header");
        List<String> e = new ArrayList<>(expected.subList(1, expected.size()));
        List<String> a = new ArrayList<>(actual.subList(1, actual.size()));
        e.sort(null);
        a.sort(null);
        assertEquals(e, a, "sorted elements of the reply to " + Arrays.toString(args));
    }

    /**
     * Splits a flat aggregate reply ({@code *N} or {@code ~N} of bulk strings or integers) into its
     * header line followed by the elements as ISO-8859-1 text; any other reply is one element.
     */
    private static List<String> elements(byte[] reply) {
        List<String> out = new ArrayList<>();
        String s = new String(reply, StandardCharsets.ISO_8859_1);
        if (reply[0] != '*' && reply[0] != '~') {
            if (reply[0] == '$') {
                int nl = s.indexOf("\r\n");
                out.add(s.substring(nl + 2, s.length() - 2));
            } else {
                out.add(s);
            }
            return out;
        }
        int nl = s.indexOf("\r\n");
        out.add(s.substring(0, nl));
        int n = Integer.parseInt(s.substring(1, nl));
        int pos = nl + 2;
        for (int i = 0; i < n; i++) {
            int end = s.indexOf("\r\n", pos);
            if (s.charAt(pos) == '$') {
                int len = Integer.parseInt(s.substring(pos + 1, end));
                out.add(s.substring(end + 2, end + 2 + len));
                pos = end + 2 + len + 2;
            } else {
                out.add(s.substring(pos, end));
                pos = end + 2;
            }
        }
        return out;
    }

    /** Every member an SSCAN iteration returns, following cursors until 0. */
    private static Set<String> scanAll(RawConnection conn, String options) {
        Set<String> seen = new TreeSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<Object> page = RespArrays.scan(conn.call("SSCAN h " + cursor + options));
            cursor = (String) page.get(0);
            @SuppressWarnings("unchecked")
            List<String> members = (List<String>) page.get(1);
            seen.addAll(members);
            assertTrue(++calls < 10_000, "SSCAN does not terminate");
        } while (!cursor.equals("0"));
        return seen;
    }
}
