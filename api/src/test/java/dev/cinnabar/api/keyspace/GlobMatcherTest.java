package dev.cinnabar.api.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis's stringmatchlen behaviour, including its quirks (each checked with KEYS on Redis 7.0.15). */
class GlobMatcherTest {

    private static boolean m(String pattern, String subject) {
        return GlobMatcher.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), subject.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean mNocase(String pattern, String subject) {
        return GlobMatcher.matches(pattern.getBytes(StandardCharsets.ISO_8859_1),
                subject.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    @Test
    void starMatchesAnySequenceAndCollapses() {
        assertTrue(m("*", "anything"));
        assertTrue(m("h*llo", "hllo"));
        assertTrue(m("h*llo", "heeeello"));
        assertTrue(m("h**llo", "hello"));
        assertTrue(m("*l*l*o*", "hello"));
        assertFalse(m("h*llo", "hellox"));
    }

    @Test
    void emptySubjectMatchesOnlyTheEmptyPattern() {
        assertTrue(m("", ""));
        assertFalse(m("*", ""));
        assertFalse(m("**", ""));
        assertFalse(m("", "a"));
        assertTrue(GlobMatcher.isMatchAll("*".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(GlobMatcher.isMatchAll("**".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void questionMarkIsExactlyOneByte() {
        assertTrue(m("h?llo", "hello"));
        assertFalse(m("h?llo", "hllo"));
        assertTrue(m("???", "abc"));
        assertFalse(m("???", "ab"));
    }

    @Test
    void classesRangesNegationAndReversedBounds() {
        assertTrue(m("h[ae]llo", "hallo"));
        assertFalse(m("h[ae]llo", "hillo"));
        assertTrue(m("h[^e]llo", "hallo"));
        assertFalse(m("h[^e]llo", "hello"));
        assertTrue(m("h[a-b]llo", "hbllo"));
        assertTrue(m("h[e-a]llo", "hbllo"));
        assertTrue(m("[-]", "-"));
        // [x-] is the range x..] (swapped to ]..x), closed by the end of the pattern: not '-'
        assertTrue(m("[x-]", "^"));
        assertFalse(m("[x-]", "-"));
        assertFalse(m("[]]", "]"));
        assertTrue(m("[\\]]", "]"));
    }

    @Test
    void backslashEscapesInsideAndOutsideClasses() {
        assertTrue(m("h\\*llo", "h*llo"));
        assertFalse(m("h\\*llo", "hello"));
        assertTrue(m("h\\?llo", "h?llo"));
        assertTrue(m("\\", "\\"));
        assertTrue(m("[a\\", "\\"));
    }

    @Test
    void unterminatedClassRunsToTheEndOfThePattern() {
        assertTrue(m("a[bc", "ab"));
        assertTrue(m("a[bc", "ac"));
        assertFalse(m("a[bc", "abc"));
        assertTrue(m("[a", "a"));
        assertFalse(m("[", "["));
    }

    @Test
    void bytesCompareAsSignedCharsInRanges() {
        // [a-\xff] is [\xff-a] after the swap in signed chars: matches \xff and '0'..'a', not 'b' or \x80
        byte[] pattern = {'[', 'a', '-', (byte) 0xff, ']'};
        assertTrue(GlobMatcher.matches(pattern, new byte[] {(byte) 0xff}));
        assertTrue(GlobMatcher.matches(pattern, new byte[] {'0'}));
        assertFalse(GlobMatcher.matches(pattern, new byte[] {'b'}));
        assertFalse(GlobMatcher.matches(pattern, new byte[] {(byte) 0x80}));
        assertTrue(GlobMatcher.matches(new byte[] {'[', (byte) 0x80, '-', (byte) 0xff, ']'}, new byte[] {(byte) 0x90}));
    }

    @Test
    void nocaseFoldsAsciiOnly() {
        assertTrue(mNocase("MAXMEMORY*", "maxmemory-policy"));
        assertTrue(mNocase("[A-C]x", "bX"));
        assertFalse(m("[A-C]x", "bx"));
    }

    @Test
    void pathologicalPatternsFinishQuickly() {
        String subject = "a".repeat(60);
        String pattern = "a*".repeat(30) + "b";
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> assertFalse(m(pattern, subject)));
    }

    @Test
    void slicesMatchLikeWholeArrays() {
        byte[] p = "xxh*oyy".getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = "--hello--".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(GlobMatcher.matches(p, 2, 3, s, 2, 5, false));
        assertFalse(GlobMatcher.matches(p, 2, 4, s, 2, 5, false));
    }
}
