package dev.cinnabar.api.keyspace;

/**
 * Redis's glob matcher ({@code util.c stringmatchlen}, as in 7.0.15), ported literally so that
 * {@code KEYS}, the {@code SCAN} family's {@code MATCH}, {@code PSUBSCRIBE}, {@code CONFIG GET}
 * and {@code COMMAND LIST FILTERBY PATTERN} accept exactly the patterns Redis accepts:
 * <ul>
 *   <li>{@code *} any sequence, {@code ?} one byte, {@code [abc]}, {@code [^abc]}, {@code [a-z]}
 *       (reversed bounds are swapped), {@code \x} a literal {@code x} inside or outside a class;</li>
 *   <li>an unterminated {@code [} class runs to the end of the pattern;</li>
 *   <li>an empty subject matches only an empty pattern (so {@code **} does not match the empty
 *       key; {@code KEYS} and {@code SCAN} special-case the pattern {@code *} themselves).</li>
 * </ul>
 * Bytes compare as C's signed {@code char}, so ranges over bytes {@code >= 0x80} behave as in Redis.
 * It lives in the API because the kernel (CONFIG GET, pub/sub) and several plugins need it.
 */
public final class GlobMatcher {

    private GlobMatcher() {
    }

    /** Whether {@code subject} matches {@code pattern}, case-sensitively. */
    public static boolean matches(byte[] pattern, byte[] subject) {
        return matches(pattern, 0, pattern.length, subject, 0, subject.length, false);
    }

    /** Whether {@code subject} matches {@code pattern}; {@code nocase} folds ASCII letters (CONFIG GET). */
    public static boolean matches(byte[] pattern, byte[] subject, boolean nocase) {
        return matches(pattern, 0, pattern.length, subject, 0, subject.length, nocase);
    }

    /** As {@link #matches(byte[], byte[], boolean)} for slices. */
    public static boolean matches(byte[] pattern, int pOff, int pLen, byte[] subject, int sOff, int sLen, boolean nocase) {
        return new Matcher(pattern, pOff + pLen, subject, sOff + sLen, nocase).match(pOff, pLen, sOff, sLen);
    }

    /** Whether the pattern is exactly {@code *}, which KEYS and SCAN treat as "everything" (the empty key too). */
    public static boolean isMatchAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private static final class Matcher {
        private final byte[] pat;
        private final int patEnd;
        private final byte[] str;
        private final int strEnd;
        private final boolean nocase;
        /**
         * Redis 7.0.10's fix against exponential matching (CVE-2022-36021): once the rest of the
         * pattern after a {@code *} failed at every position, longer matches for earlier stars
         * cannot succeed either.
         */
        private boolean skipLongerMatches;

        Matcher(byte[] pat, int patEnd, byte[] str, int strEnd, boolean nocase) {
            this.pat = pat;
            this.patEnd = patEnd;
            this.str = str;
            this.strEnd = strEnd;
            this.nocase = nocase;
        }

        /** The pattern byte at {@code i}; 0 past the end, as C reads the sds terminator. */
        private int p(int i) {
            return i < patEnd ? pat[i] : 0;
        }

        private int s(int i) {
            return i < strEnd ? str[i] : 0;
        }

        private static int lower(int c) {
            return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }

        boolean match(int pi, int patternLen, int si, int stringLen) {
            while (patternLen > 0 && stringLen > 0) {
                switch (p(pi)) {
                    case '*' -> {
                        while (patternLen > 0 && p(pi + 1) == '*') {
                            pi++;
                            patternLen--;
                        }
                        if (patternLen == 1) {
                            return true;
                        }
                        while (stringLen > 0) {
                            if (match(pi + 1, patternLen - 1, si, stringLen)) {
                                return true;
                            }
                            if (skipLongerMatches) {
                                return false;
                            }
                            si++;
                            stringLen--;
                        }
                        skipLongerMatches = true;
                        return false;
                    }
                    case '?' -> {
                        si++;
                        stringLen--;
                    }
                    case '[' -> {
                        pi++;
                        patternLen--;
                        boolean not = p(pi) == '^';
                        if (not) {
                            pi++;
                            patternLen--;
                        }
                        boolean match = false;
                        while (true) {
                            if (p(pi) == '\\' && patternLen >= 2) {
                                pi++;
                                patternLen--;
                                if (p(pi) == s(si)) {
                                    match = true;
                                }
                            } else if (p(pi) == ']') {
                                break;
                            } else if (patternLen == 0) {
                                pi--;
                                patternLen++;
                                break;
                            } else if (patternLen >= 3 && p(pi + 1) == '-') {
                                int start = p(pi);
                                int end = p(pi + 2);
                                int c = s(si);
                                if (start > end) {
                                    int t = start;
                                    start = end;
                                    end = t;
                                }
                                if (nocase) {
                                    start = lower(start);
                                    end = lower(end);
                                    c = lower(c);
                                }
                                pi += 2;
                                patternLen -= 2;
                                if (c >= start && c <= end) {
                                    match = true;
                                }
                            } else if (!nocase) {
                                if (p(pi) == s(si)) {
                                    match = true;
                                }
                            } else if (lower(p(pi)) == lower(s(si))) {
                                match = true;
                            }
                            pi++;
                            patternLen--;
                        }
                        if (not) {
                            match = !match;
                        }
                        if (!match) {
                            return false;
                        }
                        si++;
                        stringLen--;
                    }
                    default -> {
                        if (p(pi) == '\\' && patternLen >= 2) {
                            pi++;
                            patternLen--;
                        }
                        if (!nocase) {
                            if (p(pi) != s(si)) {
                                return false;
                            }
                        } else if (lower(p(pi)) != lower(s(si))) {
                            return false;
                        }
                        si++;
                        stringLen--;
                    }
                }
                pi++;
                patternLen--;
                if (stringLen == 0) {
                    while (p(pi) == '*' && patternLen > 0) {
                        pi++;
                        patternLen--;
                    }
                    break;
                }
            }
            return patternLen == 0 && stringLen == 0;
        }
    }
}
