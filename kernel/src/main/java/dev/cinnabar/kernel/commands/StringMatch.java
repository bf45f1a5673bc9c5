package dev.cinnabar.kernel.commands;

/**
 * Redis's glob matching ({@code util.c} {@code stringmatchlen}), byte for byte: {@code *},
 * {@code ?}, {@code [set]}, {@code [^set]}, {@code [a-z]} (reversed bounds swapped), {@code \x}.
 * Used by CONFIG GET (case-insensitive) and COMMAND LIST FILTERBY PATTERN (case-sensitive).
 */
final class StringMatch {

    private StringMatch() {
    }

    static boolean matches(String pattern, String subject, boolean nocase) {
        return match(bytes(pattern), 0, bytes(subject), 0, nocase, 0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // Recursion depth is bounded like Redis's (nesting of '*'), so hostile patterns cannot blow the stack.
    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int nesting) {
        if (nesting > 1000) {
            return false;
        }
        int plen = p.length, slen = s.length;
        while (pi < plen && si < slen) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < plen && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == plen) {
                        return true;
                    }
                    while (si < slen) {
                        if (match(p, pi + 1, s, si, nocase, nesting + 1)) {
                            return true;
                        }
                        si++;
                    }
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi++;
                    boolean not = pi < plen && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean hit = false;
                    while (true) {
                        if (pi < plen && p[pi] == '\\' && plen - pi >= 2) {
                            pi++;
                            if (eq(p[pi], s[si], nocase)) {
                                hit = true;
                            }
                        } else if (pi >= plen || p[pi] == ']') {
                            break;
                        } else if (plen - pi >= 3 && p[pi + 1] == '-') {
                            int start = p[pi] & 0xff, end = p[pi + 2] & 0xff, c = s[si] & 0xff;
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
                            if (c >= start && c <= end) {
                                hit = true;
                            }
                        } else if (eq(p[pi], s[si], nocase)) {
                            hit = true;
                        }
                        pi++;
                    }
                    if (pi >= plen) {
                        pi--; // an unterminated class runs to the end of the pattern
                    }
                    if (not) {
                        hit = !hit;
                    }
                    if (!hit) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (plen - pi >= 2) {
                        pi++;
                    }
                    if (!eq(p[pi], s[si], nocase)) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (!eq(p[pi], s[si], nocase)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == slen) {
                while (pi < plen && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == plen && si == slen;
    }

    private static boolean eq(byte a, byte b, boolean nocase) {
        return a == b || nocase && lower(a & 0xff) == lower(b & 0xff);
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
