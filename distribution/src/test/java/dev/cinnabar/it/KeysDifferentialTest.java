package dev.cinnabar.it;

import org.junit.jupiter.api.BeforeEach;
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

/** The generic key commands (commands-keys plugin) against Redis 7.0.15, reply for reply. */
class KeysDifferentialTest extends DifferentialTest {

    /**
     * Empties every database of both servers with the commands under test, so each case starts
     * clean whether or not FLUSHALL exists yet.
     */
    @BeforeEach
    void emptyAllDatabases() {
        for (RawConnection conn : List.of(r, c)) {
            for (int db = 15; db >= 0; db--) {
                conn.call("SELECT " + db);
                for (byte[] key : RespArrays.bulks(conn.call("KEYS *"))) {
                    conn.call(bytes("DEL"), key);
                }
            }
        }
    }

    // ---- DEL, UNLINK, EXISTS, TOUCH, TYPE, RANDOMKEY

    @Test
    void delUnlinkExistsAndTouchCountLikeRedis() {
        same("SET a 1");
        same("SET b 2");
        same("SET c 3");
        same("EXISTS a");
        same("EXISTS a a b nokey");
        same("TOUCH a a nokey b");
        same("DEL a a nokey");
        same("EXISTS a");
        same("UNLINK b c c");
        same("EXISTS b c");
        same("DEL nokey");
        same("DEL");
        same("UNLINK");
        same("EXISTS");
        same("TOUCH");
    }

    @Test
    void typeNamesStringsAndMissingKeys() {
        same("SET s v");
        same("TYPE s");
        same("TYPE nokey");
        same("TYPE");
        same("TYPE a b");
    }

    @Test
    void randomKeyReturnsNullWhenEmptyAndTheOnlyKeyOtherwise() {
        same("RANDOMKEY");
        same("SET only v");
        same("RANDOMKEY");
        same("RANDOMKEY extra");
    }

    @Test
    void randomKeyNeverReturnsAnExpiredKey() throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            both("SET gone" + i + " v");
            both("PEXPIRE gone" + i + " 1");
        }
        Thread.sleep(20);
        same("RANDOMKEY");
        same("SET live v");
        same("RANDOMKEY");
    }

    // ---- EXPIRE family, TTL family, PERSIST

    @Test
    void expireSetsAndReportsTtl() {
        same("SET k v");
        same("EXPIRE k 100");
        same("TTL k");
        same("PERSIST k");
        same("PERSIST k");
        same("TTL k");
        same("PTTL k");
        same("EXPIRETIME k");
        same("PEXPIRETIME k");
        same("TTL nokey");
        same("PTTL nokey");
        same("EXPIRETIME nokey");
        same("PEXPIRETIME nokey");
        same("PERSIST nokey");
        same("EXPIRE nokey 100");
        same("PEXPIRE k 100000");
        same("TTL k");
    }

    @Test
    void absoluteExpiryIsReportedExactly() {
        same("SET k v");
        same("PEXPIREAT k 4102444800123");
        same("PEXPIRETIME k");
        same("EXPIRETIME k");
        same("EXPIREAT k 4102444800");
        same("PEXPIRETIME k");
        same("EXPIRETIME k");
        same("PEXPIREAT k 4102444800499");
        same("EXPIRETIME k");
        same("PEXPIREAT k 4102444800500");
        same("EXPIRETIME k");
    }

    @Test
    void pttlIsTheRemainingMilliseconds() {
        same("SET k v");
        same("PEXPIRE k 50000");
        long expected = integer(r.call("PTTL k"));
        long actual = integer(c.call("PTTL k"));
        assertTrue(actual <= 50000 && actual > 49000 && Math.abs(expected - actual) < 1000, expected + " vs " + actual);
    }

    @Test
    void nonPositiveOrPastExpiryDeletesTheKeyAndReturnsOne() {
        for (String cmd : List.of("EXPIRE k 0", "EXPIRE k -5", "PEXPIRE k 0", "PEXPIRE k -1", "EXPIREAT k 1",
                "PEXPIREAT k 0", "EXPIREAT k -100", "PEXPIREAT k 1000")) {
            same("SET k v");
            same(cmd);
            same("EXISTS k");
        }
    }

    @Test
    void expireOverflowIsAnInvalidExpireTimeNamingTheCommand() {
        same("SET k v");
        same("EXPIRE k 9223372036854775807");
        same("EXPIRE k -9223372036854775808");
        same("EXPIRE k 9223372036854775");
        same("PEXPIRE k 9223372036854775807");
        same("EXPIREAT k 9223372036854775807");
        same("EXPIREAT k 9223372036854776");
        same("PEXPIREAT k 9223372036854775807");
        same("PEXPIRETIME k");
        same("EXPIRE k 9223372036854775808");
        same("EXPIRE k abc");
        same("EXPIRE k 1.5");
        same("EXPIRE k \" 1\"");
        same("EXPIRE k");
        same("PEXPIREAT k");
        same("TTL");
        same("PERSIST");
    }

    @Test
    void expireOptionsFollowRedisRules() {
        same("SET k v");
        same("EXPIRE k 100 XX");
        same("EXPIRE k 100 GT");
        same("EXPIRE k 100 LT");
        same("TTL k");
        same("EXPIRE k 200 NX");
        same("EXPIRE k 200 nx");
        same("EXPIRE k 300 GT");
        same("TTL k");
        same("EXPIRE k 50 LT");
        same("TTL k");
        pause(5); // GT needs the clock to move: both servers must see a later "now" than the LT above
        same("EXPIRE k 50 GT");
        same("EXPIRE k 500 LT");
        same("EXPIRE k 60 XX");
        same("EXPIRE k 70 XX GT");
        same("EXPIRE k 70 xx lt");
        same("TTL k");
        same("EXPIRE k -1 LT");
        same("EXISTS k");
        same("EXPIRE nokey 10 NX");
        same("SET p v");
        same("EXPIRE p -1 GT");
        same("EXISTS p");
        same("EXPIRE p -1 NX");
        same("EXISTS p");
    }

    @Test
    void expireOptionErrorsMatchRedisTexts() {
        same("SET k v");
        same("EXPIRE k 10 NX XX");
        same("EXPIRE k 10 NX GT");
        same("EXPIRE k 10 LT NX");
        same("EXPIRE k 10 GT LT");
        same("EXPIRE k 10 foo");
        same("EXPIRE k 10 NX foo");
        same("EXPIRE k abc foo");
        same("EXPIRE k abc NX XX");
        same("EXPIRE nokey 10 GT LT");
        same("PEXPIRE k 10 bar");
        same("EXPIREAT k 10 NX XX");
        same("PEXPIREAT k 10 GT LT");
        same("EXPIRE k 10 \"foo\r\nbar\"");
        same(bytes("EXPIRE"), bytes("k"), bytes("10"), bytes("nx\u0000junk"), bytes("xx"));
        same(bytes("EXPIRE"), bytes("k"), bytes("10"), bytes("foo\u0000bar"));
        same("TTL k");
    }

    @Test
    void keysExpireLazilyAndVanishFromEveryView() throws InterruptedException {
        same("SET short v");
        same("SET long v");
        same("PEXPIRE short 30");
        same("PEXPIRE long 100000");
        Thread.sleep(80);
        same("EXISTS short");
        same("TTL short");
        same("TYPE short");
        same("KEYS *");
        same("SCAN 0");
        same("GET short");
        same("PERSIST short");
        same("EXPIRE short 10");
        same("RENAME short x");
        same("OBJECT ENCODING short");
    }

    // ---- KEYS and glob patterns

    @Test
    void keysMatchesGlobPatternsLikeStringmatchlen() {
        for (String k : List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "h?llo", "h[a]llo", "a", "ab",
                "abc", "b", "-", "]", "^", "\\", "foo:1", "foo:22", "foo:bar", "x-y", "E", "e")) {
            both("SET " + quote(k) + " v");
        }
        for (String p : List.of("*", "**", "h?llo", "h*llo", "h[ae]llo", "h[^e]llo", "h[a-b]llo", "h[e-a]llo",
                "h\\*llo", "h\\?llo", "*\\\\*", "[", "[a", "[a-", "[^", "[]]", "[\\]]", "[]", "a[bc", "a[b-",
                "foo:*", "foo:??", "foo:[0-9]*", "?", "??", "???*", "*o", "h*l*o", "*[", "\\", "[\\", "[a\\",
                "[-]", "[x-]", "[^a-d]", "[A-Z]", "[a-z]", "e", "E", "*-*", "x[-]y", "nomatch", "h**llo",
                "*l*l*o*")) {
            sameSorted("KEYS", p);
        }
    }

    @Test
    void keysStarListsTheEmptyKeyButDoubleStarDoesNot() {
        same(bytes("SET"), new byte[0], bytes("empty"));
        same("SET x v");
        sameSorted("KEYS", "*");
        sameSorted("KEYS", "**");
        sameSorted("KEYS", "");
        same(bytes("KEYS"), new byte[0]);
        same("KEYS");
        same("KEYS a b");
    }

    @Test
    void keysAndPatternsAreBinarySafe() {
        byte[] k1 = {(byte) 0xff, 0, 'a', (byte) 0x80};
        byte[] k2 = {'a', (byte) 0xe9, 'b'};
        byte[] k3 = {(byte) 0xc3, (byte) 0x28};
        for (byte[] k : List.of(k1, k2, k3)) {
            same(bytes("SET"), k, bytes("v"));
            same(bytes("EXISTS"), k);
            same(bytes("TYPE"), k);
            same(bytes("OBJECT"), bytes("ENCODING"), k);
        }
        sameSortedRaw(bytes("KEYS"), bytes("*"));
        sameSortedRaw(bytes("KEYS"), new byte[] {(byte) 0xff, '*'});
        sameSortedRaw(bytes("KEYS"), new byte[] {'a', '?', 'b'});
        sameSortedRaw(bytes("KEYS"), new byte[] {'a', '[', (byte) 0x80, '-', (byte) 0xff, ']', 'b'});
        sameSortedRaw(bytes("KEYS"), new byte[] {'a', '[', 'a', '-', (byte) 0xff, ']', 'b'});
        sameSortedRaw(bytes("KEYS"), new byte[] {'[', (byte) 0xc0, '-', (byte) 0xc4, ']', '*'});
        sameSortedRaw(bytes("KEYS"), new byte[] {'*', 0, '*'});
        same(bytes("RENAME"), k1, k3);
        same(bytes("EXISTS"), k1, k3);
        same(bytes("PEXPIREAT"), k3, bytes("4102444800123"));
        same(bytes("PEXPIRETIME"), k3);
        same(bytes("COPY"), k3, k1);
        same(bytes("PEXPIRETIME"), k1);
        same(bytes("MOVE"), k2, bytes("3"));
        same(bytes("SELECT"), bytes("3"));
        same(bytes("RANDOMKEY"));
        same(bytes("SELECT"), bytes("0"));
        same(bytes("DEL"), k1, k2, k3);
    }

    // ---- SCAN

    @Test
    void scanCursorIsParsedLikeStrtoul() {
        same("SET k v");
        // cursors that parse to 0 start a full iteration: same keys
        for (String cursor : List.of("0", "\"\"", "+0", "-0", "00")) {
            sameScan("SCAN " + cursor);
        }
        same(bytes("SCAN"), bytes("0\u0000junk"));
        // other cursors name buckets, whose contents depend on hashing: only acceptance is compared
        for (String cursor : List.of("x", "1x", "\" 0\"", "\"0 \"", "-", "+", "18446744073709551615",
                "18446744073709551616", "-18446744073709551615", "-18446744073709551616", "-1",
                "99999999999999999999999", "0x10", "12345")) {
            sameAcceptance("SCAN " + cursor);
        }
        same("SCAN");
    }

    @Test
    void scanOptionsAreCheckedLikeRedis() {
        same("SET k v");
        same("SCAN 0 COUNT 0");
        same("SCAN 0 COUNT -1");
        same("SCAN 0 COUNT x");
        same("SCAN 0 COUNT 9223372036854775808");
        same("SCAN 0 COUNT");
        same("SCAN 0 MATCH");
        same("SCAN 0 TYPE");
        same("SCAN 0 FOO bar");
        same("SCAN x COUNT 0");
        same("SCAN 0 COUNT 0 MATCH");
        same("SCAN 0 count 100 match k type string");
        same("SCAN 0 COUNT 10 COUNT 20");
        same("SCAN 0 MATCH nomatch MATCH k");
        same("SCAN 0 TYPE String");
        same("SCAN 0 TYPE STRING");
        same("SCAN 0 TYPE list");
        same("SCAN 0 TYPE nosuchtype");
        same("SCAN 0 COUNT 2147483648");
        same(bytes("SCAN"), bytes("0"), bytes("count\u0000x"), bytes("5"));
        same(bytes("SCAN"), bytes("0"), bytes("type"), bytes("string\u0000x"));
    }

    @Test
    void scanMatchTreatsStarAsEverythingAndFiltersOtherwise() {
        same(bytes("SET"), new byte[0], bytes("empty"));
        for (int i = 0; i < 30; i++) {
            both("SET key:" + i + " v");
            both("SET other:" + i + " v");
        }
        assertEquals(fullScan(r, " MATCH *"), fullScan(c, " MATCH *"));
        assertEquals(fullScan(r, " MATCH **"), fullScan(c, " MATCH **"));
        assertEquals(fullScan(r, " MATCH key:1*"), fullScan(c, " MATCH key:1*"));
        assertEquals(fullScan(r, " MATCH *:[0-2] COUNT 3"), fullScan(c, " MATCH *:[0-2] COUNT 3"));
        assertEquals(fullScan(r, " TYPE string COUNT 1000"), fullScan(c, " TYPE string COUNT 1000"));
        assertEquals(Set.of(), fullScan(c, " TYPE hash"));
        assertEquals(61, fullScan(c, "").size());
    }

    @Test
    void scanOverManyKeysReturnsEveryKeyAtLeastOnce() {
        int n = 1500;
        for (int i = 0; i < n; i++) {
            both("SET many:" + i + " " + i);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            expected.add("many:" + i);
        }
        assertEquals(expected, fullScan(c, ""));
        assertEquals(expected, fullScan(c, " COUNT 7"));
        assertEquals(expected, fullScan(c, " COUNT 1000"));
        assertEquals(fullScan(r, " MATCH many:1?? COUNT 50"), fullScan(c, " MATCH many:1?? COUNT 50"));
    }

    @Test
    void scanSurvivesKeysAddedAndRemovedDuringIteration() {
        for (int i = 0; i < 500; i++) {
            both("SET stable:" + i + " v");
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int step = 0;
        do {
            List<Object> reply = RespArrays.scan(c.call("SCAN " + cursor + " COUNT 20"));
            cursor = (String) reply.get(0);
            for (Object k : (List<?>) reply.get(1)) {
                seen.add((String) k);
            }
            // grow and shrink the table while iterating
            if (step++ % 2 == 0) {
                for (int i = 0; i < 200; i++) {
                    c.call("SET temp:" + step + ":" + i + " v");
                }
            } else {
                for (String k : RespArrays.strings(c.call("KEYS temp:*"))) {
                    c.call("DEL " + k);
                }
            }
        } while (!cursor.equals("0"));
        for (int i = 0; i < 500; i++) {
            assertTrue(seen.contains("stable:" + i), "stable:" + i + " was never returned");
        }
    }

    // ---- RENAME, RENAMENX

    @Test
    void renameMovesValueAndKeepsTtl() {
        same("SET a 1");
        same("PEXPIREAT a 4102444800123");
        same("RENAME a b");
        same("EXISTS a");
        same("GET b");
        same("PEXPIRETIME b");
        same("SET c 3");
        same("RENAME b c");
        same("PEXPIRETIME c");
        same("GET c");
        same("SET d 4");
        same("RENAME d c");
        same("PEXPIRETIME c");
        same("RENAME c c");
        same("RENAME nokey x");
        same("RENAME nokey nokey");
        same("RENAME c");
        same("RENAME a b c");
    }

    @Test
    void renamenxRefusesAnExistingTarget() {
        same("SET a 1");
        same("SET b 2");
        same("RENAMENX a b");
        same("GET a");
        same("RENAMENX a a");
        same("RENAMENX nokey a");
        same("RENAMENX nokey nokey");
        same("PEXPIREAT a 4102444800123");
        same("RENAMENX a fresh");
        same("PEXPIRETIME fresh");
        same("GET fresh");
        same("RENAMENX a");
    }

    // ---- MOVE, COPY, SWAPDB

    @Test
    void moveTakesAKeyToAnotherDatabase() {
        same("SET k v");
        same("PEXPIREAT k 4102444800123");
        same("MOVE k 1");
        same("EXISTS k");
        same("SELECT 1");
        same("GET k");
        same("PEXPIRETIME k");
        same("SET k other");
        same("SELECT 0");
        same("SET k again");
        same("MOVE k 1");
        same("GET k");
        same("MOVE nokey 1");
        same("MOVE k 0");
        same("MOVE nokey 0");
        same("MOVE k 16");
        same("MOVE k -1");
        same("MOVE k x");
        same("MOVE k 99999999999");
        same("MOVE k -2147483649");
        same("MOVE k 1.0");
        same("MOVE k");
    }

    @Test
    void copyDuplicatesWithTtlAndOptions() {
        same("SET src hello");
        same("PEXPIREAT src 4102444800123");
        same("COPY src dst");
        same("GET dst");
        same("PEXPIRETIME dst");
        same("COPY src dst");
        same("SET dst old");
        same("COPY src dst REPLACE");
        same("GET dst");
        same("COPY src dst DB 2");
        same("SELECT 2");
        same("GET dst");
        same("PEXPIRETIME dst");
        same("SELECT 0");
        same("COPY src dst db 2");
        same("COPY src dst replace DB 2 replace");
        same("COPY nokey dst");
        same("COPY src src");
        same("COPY src src DB 0");
        same("COPY src src DB 1");
        same("COPY src x DB 16");
        same("COPY src x DB 99 foo");
        same("COPY src x DB 1 foo");
        same("COPY src x DB");
        same("COPY src x DB x");
        same("COPY src x DB 99999999999");
        same("COPY src x FOO");
        same("COPY nokey nokey");
        same("COPY src");
        same("SET n 42");
        same("COPY n n2");
        same("OBJECT ENCODING n2");
        same("GET n2");
    }

    @Test
    void copyIsDeepForStrings() {
        same("SET a hello");
        same("COPY a b");
        same("SET a changed");
        same("GET b");
    }

    @Test
    void swapDbExchangesDatabases() {
        same("SET in0 zero");
        same("SELECT 1");
        same("SET in1 one");
        same("SELECT 0");
        same("SWAPDB 0 1");
        same("KEYS *");
        same("GET in1");
        same("SWAPDB 1 1");
        same("SWAPDB 0 16");
        same("SWAPDB -1 0");
        same("SWAPDB a 1");
        same("SWAPDB 1 a");
        same("SWAPDB a b");
        same("SWAPDB 99999999999 1");
        same("SWAPDB 1 99999999999");
        same("SWAPDB 1");
        same("SWAPDB 1 0");
        same("KEYS *");
    }

    // ---- OBJECT

    @Test
    void objectEncodingRefcountAndHelp() {
        same("SET i 12345");
        same("SET small 7");
        same("SET zero 0");
        same("SET limit 9999");
        same("SET over 10000");
        same("SET neg -1");
        same("SET e hello");
        same("SET r " + "x".repeat(45));
        for (String k : List.of("i", "small", "zero", "limit", "over", "neg", "e", "r", "nokey")) {
            same("OBJECT ENCODING " + k);
            same("OBJECT REFCOUNT " + k);
        }
        same("OBJECT HELP");
        same("OBJECT help");
        same("OBJECT HELP extra");
        same("OBJECT");
        same("OBJECT FOO");
        same("OBJECT FOO k");
        same("OBJECT ENCODING");
        same("OBJECT ENCODING a b");
        same("OBJECT REFCOUNT");
    }

    @Test
    void objectIdletimeAndFreqWithoutAnLfuPolicy() {
        same("SET k v");
        // 1 s LRU resolution on both: a second may tick between SET and OBJECT on either server
        for (String reply : List.of(Replies.show(r.call("OBJECT IDLETIME k")), Replies.show(c.call("OBJECT IDLETIME k")))) {
            assertTrue(reply.equals(Replies.show(":0\r\n".getBytes(StandardCharsets.US_ASCII)))
                    || reply.equals(Replies.show(":1\r\n".getBytes(StandardCharsets.US_ASCII))), reply);
        }
        same("OBJECT IDLETIME nokey");
        same("OBJECT FREQ k");
        same("OBJECT FREQ nokey");
        same("OBJECT IDLETIME");
        same("OBJECT FREQ");
    }

    // ---- helpers

    private void sameSorted(String command, String arg) {
        sameSortedRaw(bytes(command), arg.getBytes(StandardCharsets.UTF_8));
    }

    /** KEYS order is unspecified: compare the sorted elements. */
    private void sameSortedRaw(byte[]... args) {
        sameUnordered(args);
    }

    /** The first SCAN call: the element order within a call depends on hashing, so elements are compared sorted. */
    private void sameScan(String line) {
        byte[] expected = r.call(line);
        byte[] actual = c.call(line);
        if (expected.length > 0 && expected[0] == '*') {
            List<Object> e = RespArrays.scan(expected);
            List<Object> a = RespArrays.scan(actual);
            assertEquals(new TreeSet<>((List<?>) e.get(1)).toString(), new TreeSet<>((List<?>) a.get(1)).toString(), line);
        } else {
            assertEquals(Replies.show(expected), Replies.show(actual), line);
        }
    }

    /** Both servers accept the request (an array reply) or both refuse it with the same error. */
    private void sameAcceptance(String line) {
        byte[] expected = r.call(line);
        byte[] actual = c.call(line);
        if (expected[0] == '*') {
            assertEquals('*', (char) actual[0], line + ": " + Replies.show(actual));
        } else {
            assertEquals(Replies.show(expected), Replies.show(actual), line);
        }
    }


    /** Every key a full SCAN iteration returns. */
    private static Set<String> fullScan(RawConnection conn, String options) {
        Set<String> seen = new TreeSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<Object> reply = RespArrays.scan(conn.call("SCAN " + cursor + options));
            cursor = (String) reply.get(0);
            for (Object k : (List<?>) reply.get(1)) {
                seen.add((String) k);
            }
            assertTrue(++calls < 100_000, "SCAN does not terminate");
        } while (!cursor.equals("0"));
        return seen;
    }

    private static long integer(byte[] reply) {
        String s = new String(reply, StandardCharsets.US_ASCII);
        assertTrue(s.startsWith(":"), s);
        return Long.parseLong(s.substring(1).trim());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }


}
