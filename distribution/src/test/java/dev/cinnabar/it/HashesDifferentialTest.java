package dev.cinnabar.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hash commands (commands-hashes plugin) against Redis 7.0.15, reply for reply. Listpack
 * hashes keep insertion order in both servers, so their replies are compared byte for byte;
 * hashtable replies and random picks are compared as sets, or by shape and membership.
 */
class HashesDifferentialTest extends DifferentialTest {

    private static final String LONG_64 = "x".repeat(64);
    private static final String LONG_65 = "x".repeat(65);

    @AfterEach
    void restoreEncodingLimits() {
        both("CONFIG SET hash-max-listpack-entries 512 hash-max-listpack-value 64");
    }

    // ---- HSET, HMSET, HSETNX, HGET, HMGET

    @Test
    void hsetCountsNewFieldsAndHgetReadsThem() {
        same("HSET h f v");
        same("HSET h f v2 g w");
        same("HSET h f v3 f v4");
        same("HGET h f");
        same("HGET h g");
        same("HGET h nofield");
        same("HGET nokey f");
        same("HMSET h a 1 b 2");
        same("HMGET h a nofield b f");
        same("HMGET nokey a b");
        same("HGETALL h");
        same("TYPE h");
        same("OBJECT ENCODING h");
    }

    @Test
    void hsetAndHmsetCheckPairsBeforeTheType() {
        same("SET s v");
        same("HSET s f");
        same("HSET s f v g");
        same("HMSET s f v g");
        same("HSET h f v g");
        same("HMSET h f");
        same("HSET h");
        same("HSET s f v");
        same("HMSET s f v");
        same("EXISTS h");
    }

    @Test
    void hsetnxSetsOnlyNewFields() {
        same("HSETNX h f v");
        same("HSETNX h f other");
        same("HGET h f");
        same("HSETNX h g w");
        same("HGETALL h");
        same("SET s v");
        same("HSETNX s f v");
        same("HSETNX h f");
        same("HSETNX h f v x");
    }

    @Test
    void everyCommandAnswersWrongTypeOnAString() {
        same("SET s v");
        for (String cmd : List.of("HGET s f", "HMGET s f g", "HLEN s", "HSTRLEN s f", "HEXISTS s f", "HKEYS s",
                "HVALS s", "HGETALL s", "HDEL s f", "HINCRBY s f 1", "HINCRBYFLOAT s f 1", "HRANDFIELD s",
                "HRANDFIELD s 2", "HRANDFIELD s -2 WITHVALUES", "HSCAN s 0", "HSETNX s f v", "HSET s f v")) {
            same(cmd);
        }
        same("GET s");
    }

    @Test
    void everyCommandChecksItsArity() {
        for (String cmd : List.of("HSET h", "HSET h f", "HMSET h f", "HSETNX h f", "HGET h", "HGET h f g",
                "HMGET h", "HDEL h", "HLEN", "HLEN h x", "HSTRLEN h", "HEXISTS h", "HKEYS", "HVALS h x",
                "HGETALL", "HINCRBY h f", "HINCRBYFLOAT h f", "HINCRBY h f 1 2", "HRANDFIELD", "HSCAN h")) {
            same(cmd);
        }
    }

    // ---- order, deletion, lengths

    @Test
    void listpackKeepsInsertionOrderThroughUpdatesAndDeletes() {
        same("HSET h c 3 a 1 b 2 d 4");
        same("HSET h a 10");
        same("HDEL h b");
        same("HSET h b 20 e 5");
        for (int proto : new int[] {2, 3}) {
            both("HELLO " + proto);
            same("HGETALL h");
            same("HKEYS h");
            same("HVALS h");
            same("HGETALL nokey");
            same("HKEYS nokey");
            same("HVALS nokey");
            same("HGET nokey f");
            same("HMGET h a zz");
        }
        same("OBJECT ENCODING h");
    }

    @Test
    void hdelCountsDeletedFieldsAndRemovesAnEmptiedHash() {
        same("HSET h a 1 b 2 c 3");
        same("HDEL h a a nofield");
        same("HDEL nokey a");
        same("HDEL h b c b");
        same("EXISTS h");
        same("HLEN h");
        same("HGETALL h");
        same("HSET h a 1");
        same("HDEL h a");
        same("TYPE h");
    }

    @Test
    void hlenHstrlenAndHexistsReadSizes() {
        same("HSET h int 12345 neg -7 str hello empty \"\" big 123456789012345678901234567890");
        same("HLEN h");
        same("HLEN nokey");
        for (String f : List.of("int", "neg", "str", "empty", "big", "nofield")) {
            same("HSTRLEN h " + f);
            same("HEXISTS h " + f);
        }
        same("HSTRLEN nokey f");
        same("HEXISTS nokey f");
    }

    @Test
    void binaryFieldsAndValuesRoundTrip() {
        same("HSET h \"a\\x00b\" \"\\xff\\xfe\\r\\n\" \"\\r\\n\" \"\\x00\" \"\" empty");
        same("HGET h \"a\\x00b\"");
        same("HGET h a");
        same("HGET h \"\"");
        same("HSTRLEN h \"a\\x00b\"");
        same("HGETALL h");
        same("HSCAN h 0 MATCH \"a\\x00*\"");
        same("HDEL h \"a\\x00b\"");
        both("HELLO 3");
        same("HGETALL h");
        same("HRANDFIELD h 10 WITHVALUES");
    }

    @Test
    void changesInPlaceKeepTheTimeToLive() {
        same("HSET h a 1 b 2");
        same("EXPIRE h 1000");
        same("HSET h c 3");
        same("HDEL h a");
        same("HINCRBY h n 1");
        same("HINCRBYFLOAT h x 1.5");
        same("HSETNX h y 1");
        same("TTL h");
        same("HDEL h b c n x y");
        same("TTL h");
        same("EXISTS h");
    }

    @Test
    void readsCountKeyspaceHitsAndWritesDoNot() {
        same("HSET h a 1");
        both("CONFIG RESETSTAT");
        for (String cmd : List.of("HGET h a", "HGET nokey a", "HMGET h a", "HLEN nokey", "HSTRLEN h a",
                "HEXISTS h a", "HKEYS h", "HVALS nokey", "HGETALL h", "HRANDFIELD h", "HRANDFIELD nokey 2",
                "HSCAN h 0", "HSCAN nokey 0", "HSET h b 2", "HSETNX h c 3", "HDEL h c", "HINCRBY h n 1",
                "HINCRBYFLOAT h n 1", "HDEL nokey a")) {
            both(cmd);
        }
        String counters = sameAfter("INFO stats", HashesDifferentialTest::keyspaceCounters);
        assertTrue(counters.contains("keyspace_hits:") && counters.contains("keyspace_misses:"), counters);
    }

    private static String keyspaceCounters(String info) {
        StringBuilder sb = new StringBuilder();
        for (String line : info.split("\\\\r\\\\n")) {
            if (line.startsWith("keyspace_")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    // ---- encodings

    @Test
    void moreThanMaxEntriesConvertsToHashtableForGood() {
        same(hsetNumbered("h", 512, "v"));
        same("OBJECT ENCODING h");
        same("HGETALL h");
        same("HSET h f512 v512");
        same("OBJECT ENCODING h");
        same("HDEL h f512 f511 f510");
        same("OBJECT ENCODING h");
        same("HLEN h");
        sameUnordered("HKEYS h");
        sameUnordered("HVALS h");
        samePairs("HGETALL h");
        both("HELLO 3");
        samePairs("HGETALL h");
        sameUnordered("HKEYS h");
    }

    @Test
    void longFieldsOrValuesConvertToHashtable() {
        same("HSET v a " + LONG_64);
        same("OBJECT ENCODING v");
        same("HSET v b " + LONG_65);
        same("OBJECT ENCODING v");
        same("HSET f " + LONG_65 + " 1");
        same("OBJECT ENCODING f");
        // HSETNX looks at the lengths only when it really sets
        same("HSET n a 1");
        same("HSETNX n a " + LONG_65);
        same("OBJECT ENCODING n");
        same("HSETNX n b " + LONG_65);
        same("OBJECT ENCODING n");
        // HMSET converts before setting anything, even for a pair already present
        same("HSET m a 1 b 2");
        same("HMSET m a 1 " + LONG_65 + " 2");
        same("OBJECT ENCODING m");
        // HINCRBY and HINCRBYFLOAT pass through hashTypeSet's own check
        same("HSET i a 1");
        same("HINCRBY i " + LONG_65 + " 1");
        same("OBJECT ENCODING i");
        same("HSET j a 1");
        same("HINCRBYFLOAT j a 1e60");
        same("OBJECT ENCODING j");
        same("HINCRBYFLOAT j a 1e70");
        same("OBJECT ENCODING j");
    }

    @Test
    void hashtableEncodedHashesAnswerLikeRedis() {
        same(hsetNumbered("t", 600, ""));
        same("HSET t \"bin\\x00\\xff\" \"\\r\\n\"");
        for (String cmd : List.of("OBJECT ENCODING t", "HLEN t", "HGET t f599", "HGET t f600", "HGET t \"bin\\x00\\xff\"",
                "HMGET t f0 nofield f10", "HEXISTS t f1", "HEXISTS t f1000", "HSTRLEN t f599", "HSTRLEN t none",
                "HSETNX t f1 x", "HSETNX t new x", "HINCRBY t f5 10", "HINCRBY t new 1", "HINCRBYFLOAT t f6 0.5",
                "HINCRBYFLOAT t f7 1e5", "HSET t f8 changed f9 changed2 other 1", "HGET t f8", "HDEL t f0 f1 f1 none",
                "HLEN t", "HRANDFIELD t 0")) {
            same(cmd);
        }
        sameUnordered("HKEYS t");
        sameUnordered("HVALS t");
        samePairs("HGETALL t");
        samePairs("HRANDFIELD t 5000 WITHVALUES");
        sameUnordered("HRANDFIELD t 5000");
    }

    @Test
    void encodingLimitsFollowConfigSet() {
        same("CONFIG SET hash-max-listpack-entries 2");
        same("HSET h a 1 b 2");
        same("OBJECT ENCODING h");
        same("HSET h c 3");
        same("OBJECT ENCODING h");
        same("CONFIG SET hash-max-listpack-entries 0");
        same("HSET z a 1");
        same("OBJECT ENCODING z");
        same("CONFIG SET hash-max-listpack-entries 512 hash-max-listpack-value 3");
        same("HSET w abc def");
        same("OBJECT ENCODING w");
        same("HSET w abcd 1");
        same("OBJECT ENCODING w");
        same("HSET x k 1");
        same("HINCRBYFLOAT x k 0.5");
        same("OBJECT ENCODING x");
        // a lowered limit converts on the next set, even one that only updates
        same("CONFIG SET hash-max-listpack-value 64");
        same("HSET u a 1 b 2 c 3");
        same("HSET v a 1 b 2 c 3");
        same("CONFIG SET hash-max-listpack-entries 2");
        same("HSETNX u a 1");
        same("HDEL v a");
        same("HINCRBY v b 1");
        same("OBJECT ENCODING u");
        same("OBJECT ENCODING v");
        same("HSET u a 5");
        same("OBJECT ENCODING u");
    }

    /**
     * Cinnabar against itself: the same content gives the same digest whatever the encoding and
     * insertion order. Not compared with Redis: the kernel's {@code ValueDigest.unordered} XORs the
     * element digest where Redis's {@code xorDigest} XORs its SHA1 (reported; kernel is not ours).
     */
    @Test
    void digestDependsOnContentNotOnEncodingOrOrder() {
        c.call("HSET small a 1 b 2 c 3");
        c.call("HSET other c 3 b 2 a 1");
        c.call("HSET table " + LONG_65 + " 1 a 1 b 2 c 3");
        c.call("HDEL table " + LONG_65);
        assertEquals("$9\\r\\nhashtable\\r\\n", Replies.show(c.call("OBJECT ENCODING table")));
        String small = Replies.show(c.call("DEBUG DIGEST-VALUE small"));
        assertEquals(small, Replies.show(c.call("DEBUG DIGEST-VALUE other")));
        assertEquals(small, Replies.show(c.call("DEBUG DIGEST-VALUE table")));
        c.call("HSET other c 4");
        assertTrue(!small.equals(Replies.show(c.call("DEBUG DIGEST-VALUE other"))), "digest ignores values");
    }

    // ---- HINCRBY, HINCRBYFLOAT

    @Test
    void hincrbyAddsAndReportsRedisErrors() {
        same("HINCRBY h n 5");
        same("HINCRBY h n -12");
        same("HGET h n");
        same("HSET h s abc sp \" 1\" f 1.5 max 9223372036854775807 min -9223372036854775808");
        same("HINCRBY h s 1");
        same("HINCRBY h sp 1");
        same("HINCRBY h f 1");
        same("HINCRBY h max 1");
        same("HINCRBY h max 0");
        same("HINCRBY h min -1");
        same("HINCRBY h min 9223372036854775807");
        same("HINCRBY h n abc");
        same("HINCRBY h n 1.5");
        same("HINCRBY h n 99999999999999999999");
        same("SET str v");
        same("HINCRBY str n abc");
        same("HINCRBY str n 1");
        same("HGETALL h");
    }

    @Test
    void hincrbyfloatUsesLongDoubleArithmeticAndRedisErrors() {
        same("HINCRBYFLOAT h x 0.1");
        same("HINCRBYFLOAT h x 0.2");
        same("HINCRBYFLOAT h x -0.3");
        same("HINCRBYFLOAT h y 3.0e3");
        same("HINCRBYFLOAT h y 0x10");
        same("HINCRBYFLOAT h y -3016");
        same("HINCRBYFLOAT h big 1.5e308");
        same("HINCRBYFLOAT h big 1.5e308");
        same("HINCRBYFLOAT h z -0");
        same("HINCRBYFLOAT h z 1e-20");
        same("HINCRBYFLOAT h z -1e-20");
        same("HINCRBYFLOAT h z 5.0000000000000000001");
        same("HINCRBYFLOAT h z \"+7\"");
        same("HINCRBYFLOAT h z \" 7\"");
        same("HINCRBYFLOAT h z \"7 \"");
        same("HSET h i 10 s abc sp \" 1\" huge 1e4932");
        same("HINCRBYFLOAT h i 1.25");
        same("HINCRBYFLOAT h s 1");
        same("HINCRBYFLOAT h sp 1");
        same("HINCRBYFLOAT h huge 1e4932");
        same("HINCRBYFLOAT h x inf");
        same("HINCRBYFLOAT h x -inf");
        same("HINCRBYFLOAT h x nan");
        same("HINCRBYFLOAT h x abc");
        same("HINCRBYFLOAT h x \"\"");
        same("SET str v");
        same("HINCRBYFLOAT str x abc");
        same("HINCRBYFLOAT str x inf");
        same("HINCRBYFLOAT str x 1");
        same("OBJECT ENCODING h");
        samePairs("HGETALL h");
        both("HELLO 3");
        same("HINCRBYFLOAT h x 1");
    }

    // ---- HRANDFIELD

    @Test
    void hrandfieldOnMissingKeysAndItsErrors() {
        for (int proto : new int[] {2, 3}) {
            both("HELLO " + proto);
            same("HRANDFIELD nokey");
            same("HRANDFIELD nokey 5");
            same("HRANDFIELD nokey -5 WITHVALUES");
            same("HRANDFIELD nokey 0");
        }
        same("HSET h a 1");
        same("HRANDFIELD h 0");
        same("HRANDFIELD h 0 WITHVALUES");
        same("HRANDFIELD h abc");
        same("HRANDFIELD h 1.5");
        same("HRANDFIELD h 1 foo");
        same("HRANDFIELD h 1 WITHVALUES x");
        same("HRANDFIELD h -9223372036854775808");
        same("HRANDFIELD h 9223372036854775807 WITHVALUES");
        same("HRANDFIELD h -9223372036854775807 WITHVALUES");
        same("HRANDFIELD h 4611686018427387904 WITHVALUES");
        same("HRANDFIELD h -4611686018427387904 WITHVALUES");
        same("HRANDFIELD h 9223372036854775807");
        same("HRANDFIELD nokey -9223372036854775808");
        same("HRANDFIELD nokey 1 foo");
        same("SET s v");
        same("HRANDFIELD s abc");
        same("HRANDFIELD s 1 foo");
        same("HRANDFIELD nokey abc");
    }

    @Test
    void hrandfieldReturnsTheWholeListpackInOrderWhenCountCoversIt() {
        same("HSET h c 3 a 1 b 2");
        for (int proto : new int[] {2, 3}) {
            both("HELLO " + proto);
            same("HRANDFIELD h 3");
            same("HRANDFIELD h 100");
            same("HRANDFIELD h 3 WITHVALUES");
            same("HRANDFIELD h 100 withvalues");
            same("HSET one only 1");
            same("HRANDFIELD one");
            same("HRANDFIELD one 1");
            same("HRANDFIELD one -3");
            same("HRANDFIELD one -3 WITHVALUES");
        }
    }

    @Test
    void hrandfieldSamplesHaveRedisShape() {
        same("HSET small a 1 b 2 c 3 d 4 e 5");
        same(hsetNumbered("large", 600, "v"));
        same("OBJECT ENCODING large");
        List<String> smallOrder = List.of("a", "b", "c", "d", "e");
        for (int proto : new int[] {2, 3}) {
            both("HELLO " + proto);
            for (String key : List.of("small", "large")) {
                for (String count : List.of("", " 1", " 2", " 3", " 4", " -1", " -7", " -20", " 150", " 550")) {
                    for (String withValues : List.of("", " WITHVALUES")) {
                        if (count.isEmpty() && !withValues.isEmpty()) {
                            continue;
                        }
                        String cmd = "HRANDFIELD " + key + count + withValues;
                        Object expected = Resp.parse(r.call(cmd));
                        Object actual = Resp.parse(c.call(cmd));
                        assertEquals(Resp.shape(expected), Resp.shape(actual), cmd);
                        checkSample(actual, key.equals("small") ? smallOrder : null, cmd, !count.startsWith(" -"));
                    }
                }
            }
        }
    }

    /** Every element is a field of the hash with its own value; distinct and in order when unique. */
    private static void checkSample(Object reply, List<String> listpackOrder, String cmd, boolean unique) {
        if (reply instanceof String s) {
            assertTrue(s.startsWith("$") && isField(s.substring(1)), cmd + ": " + s);
            return;
        }
        List<String> fields = new ArrayList<>();
        List<?> items = (List<?>) reply;
        boolean withValues = cmd.endsWith("WITHVALUES");
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String field;
            String value = null;
            if (item instanceof List<?> pair) {
                field = ((String) pair.get(0)).substring(1);
                value = ((String) pair.get(1)).substring(1);
            } else {
                field = ((String) item).substring(1);
                if (withValues) {
                    value = ((String) items.get(++i)).substring(1);
                }
            }
            assertTrue(isField(field), cmd + ": " + field);
            if (value != null) {
                assertEquals(valueOf(field), value, cmd);
            }
            fields.add(field);
        }
        if (unique) {
            assertEquals(fields.size(), new HashSet<>(fields).size(), cmd + " repeats a field: " + fields);
            if (listpackOrder != null) {
                List<String> ordered = new ArrayList<>(listpackOrder);
                ordered.retainAll(fields);
                assertEquals(ordered, fields, cmd + " out of listpack order");
            }
        }
    }

    private static boolean isField(String f) {
        return f.matches("[a-e]|f\\d+");
    }

    private static String valueOf(String field) {
        return field.startsWith("f") ? "v" + field.substring(1) : String.valueOf(field.charAt(0) - 'a' + 1);
    }

    // ---- HSCAN

    @Test
    void hscanReturnsAListpackWholeWithCursorZero() {
        same("HSET h c 3 a 1 b 2 abc 4");
        same("HSCAN h 0");
        same("HSCAN h 12345");
        same("HSCAN h 0 COUNT 1");
        same("HSCAN h 0 MATCH a*");
        same("HSCAN h 0 MATCH * COUNT 2");
        same("HSCAN h 0 match ?b? count 100");
        same("HSCAN h 0 MATCH nothing");
        same("HSCAN nokey 0");
        same("HSCAN nokey 0 COUNT 0");
        same("HSCAN nokey abc");
        both("HELLO 3");
        same("HSCAN h 0");
    }

    @Test
    void hscanChecksCursorThenTypeThenOptions() {
        same("HSET h a 1");
        same("SET s v");
        for (String cmd : List.of("HSCAN h abc", "HSCAN h -1", "HSCAN h 18446744073709551616", "HSCAN h \" 0\"",
                "HSCAN h 0 COUNT 0", "HSCAN h 0 COUNT -1", "HSCAN h 0 COUNT abc", "HSCAN h 0 MATCH",
                "HSCAN h 0 COUNT", "HSCAN h 0 TYPE hash", "HSCAN h 0 foo bar", "HSCAN s abc", "HSCAN s 0",
                "HSCAN s 0 COUNT 0", "HSCAN h 0 COUNT 0 MATCH")) {
            same(cmd);
        }
    }

    @Test
    void hscanOverAHashtableVisitsEveryPair() {
        same(hsetNumbered("h", 1000, "v"));
        same("OBJECT ENCODING h");
        for (String options : List.of("", " COUNT 7", " COUNT 100 MATCH f1*", " MATCH *9")) {
            assertEquals(scanAll(r, options), scanAll(c, options), "HSCAN h" + options);
        }
    }

    private static Map<String, String> scanAll(RawConnection conn, String options) {
        Map<String, String> pairs = new TreeMap<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<?> reply = (List<?>) Resp.parse(conn.call("HSCAN h " + cursor + options));
            cursor = ((String) reply.get(0)).substring(1);
            List<?> items = (List<?>) reply.get(1);
            for (int i = 0; i < items.size(); i += 2) {
                pairs.put((String) items.get(i), (String) items.get(i + 1));
            }
            assertTrue(++calls < 10_000, "HSCAN does not end");
        } while (!cursor.equals("0"));
        return pairs;
    }

    // ---- helpers

    /** {@code HSET key f0 <prefix>0 f1 <prefix>1 ...} with {@code n} pairs. */
    private static String hsetNumbered(String key, int n, String valuePrefix) {
        StringBuilder line = new StringBuilder("HSET ").append(key);
        for (int i = 0; i < n; i++) {
            line.append(" f").append(i).append(' ').append(valuePrefix).append(i);
        }
        return line.toString();
    }

    /** Compares a map (RESP3) or flat field/value array (RESP2) as a set of pairs. */
    private void samePairs(String line) {
        byte[] expected = r.call(line);
        byte[] actual = c.call(line);
        assertEquals((char) expected[0], (char) actual[0], "reply type of " + line);
        assertEquals(pairsOf(expected), pairsOf(actual), line);
    }

    private static Map<String, String> pairsOf(byte[] reply) {
        Object parsed = Resp.parse(reply);
        List<?> items = (List<?>) parsed;
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            String previous = out.put((String) items.get(i), (String) items.get(i + 1));
            assertEquals(null, previous, "field repeated");
        }
        return out;
    }

    /**
     * A small RESP2/RESP3 reader for comparing structure: aggregates become lists (a map's pairs
     * flattened), everything else its type byte followed by its text.
     */
    private static final class Resp {
        private final byte[] b;
        private int pos;

        private Resp(byte[] b) {
            this.b = b;
        }

        static Object parse(byte[] reply) {
            Resp p = new Resp(reply);
            Object o = p.next();
            assertEquals(reply.length, p.pos, "trailing bytes in " + Replies.show(reply));
            return o;
        }

        /** The reply with every bulk's content blanked: what must match between two random replies. */
        static String shape(Object o) {
            if (o instanceof List<?> l) {
                StringBuilder sb = new StringBuilder("[");
                for (Object e : l) {
                    sb.append(shape(e)).append(',');
                }
                return sb.append(']').toString();
            }
            return ((String) o).substring(0, 1);
        }

        private Object next() {
            char type = (char) b[pos];
            String line = line();
            switch (type) {
                case '*', '~', '>' -> {
                    int n = Integer.parseInt(line.substring(1));
                    if (n < 0) {
                        return line;
                    }
                    List<Object> l = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        l.add(next());
                    }
                    return l;
                }
                case '%' -> {
                    int n = Integer.parseInt(line.substring(1));
                    List<Object> l = new ArrayList<>();
                    for (int i = 0; i < 2 * n; i++) {
                        l.add(next());
                    }
                    return l;
                }
                case '$' -> {
                    int n = Integer.parseInt(line.substring(1));
                    if (n < 0) {
                        return line;
                    }
                    String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
                    pos += n + 2;
                    return "$" + s;
                }
                default -> {
                    return line;
                }
            }
        }

        private String line() {
            int start = pos;
            while (b[pos] != '\r') {
                pos++;
            }
            String s = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
            pos += 2;
            return s;
        }
    }
}
