package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.1's pattern matcher (lstrlib.c semantics, C locale), our own Java rendering of the
 * algorithm: patterns end at their first zero byte as C strings do, the subject reads as zero past
 * its end (frontiers at the end of the subject), and the 5.1 error messages.
 */
final class Pattern51 {

    static final int MAXCAPTURES = 32;
    static final int CAP_UNFINISHED = -1;
    static final int CAP_POSITION = -2;
    static final String SPECIALS = "^$*+?.([%-";

    final byte[] src;
    final int srcEnd;
    final byte[] p;
    final int pEnd;
    int level;
    final int[] capInit = new int[MAXCAPTURES];
    final int[] capLen = new int[MAXCAPTURES];
    int depth;

    Pattern51(LuaString s, LuaString pat) {
        src = bytes(s);
        srcEnd = src.length;
        byte[] pb = bytes(pat);
        int n = 0;
        while (n < pb.length && pb[n] != 0) n++;
        p = pb;
        pEnd = n;
    }

    static byte[] bytes(LuaString s) {
        byte[] b = new byte[s.length()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    int s(int i) {
        return i < srcEnd ? src[i] & 0xff : 0;
    }

    int pc(int i) {
        return i < pEnd ? p[i] & 0xff : 0;
    }

    static boolean hasSpecials(LuaString pat) {
        for (int i = 0; i < pat.length(); i++) {
            int c = pat.luaByte(i);
            if (c == 0) return false;
            if (SPECIALS.indexOf(c) >= 0) return true;
        }
        return false;
    }

    private int classEnd(int pi) {
        int c = pc(pi++);
        if (c == '%') {
            if (pc(pi) == 0) throw new LuaError("malformed pattern (ends with '%')");
            return pi + 1;
        }
        if (c == '[') {
            if (pc(pi) == '^') pi++;
            do {
                if (pc(pi) == 0) throw new LuaError("malformed pattern (missing ']')");
                if (pc(pi++) == '%' && pc(pi) != 0) pi++;
            } while (pc(pi) != ']');
            return pi + 1;
        }
        return pi;
    }

    static boolean isalpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    static boolean isdigit(int c) { return c >= '0' && c <= '9'; }
    static boolean islower(int c) { return c >= 'a' && c <= 'z'; }
    static boolean isupper(int c) { return c >= 'A' && c <= 'Z'; }
    static boolean isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
    static boolean iscntrl(int c) { return c < 32 || c == 127; }
    static boolean ispunct(int c) { return c > 32 && c < 127 && !isalpha(c) && !isdigit(c); }
    static boolean isxdigit(int c) { return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

    static boolean matchClass(int c, int cl) {
        boolean res;
        switch (isupper(cl) ? cl + 32 : cl) {
            case 'a': res = isalpha(c); break;
            case 'c': res = iscntrl(c); break;
            case 'd': res = isdigit(c); break;
            case 'l': res = islower(c); break;
            case 'p': res = ispunct(c); break;
            case 's': res = isspace(c); break;
            case 'u': res = isupper(c); break;
            case 'w': res = isalpha(c) || isdigit(c); break;
            case 'x': res = isxdigit(c); break;
            case 'z': res = c == 0; break;
            default: return cl == c;
        }
        return isupper(cl) ? !res : res;
    }

    private boolean matchBracketClass(int c, int pi, int ec) {
        boolean sig = true;
        if (pc(pi + 1) == '^') {
            sig = false;
            pi++;
        }
        while (++pi < ec) {
            if (pc(pi) == '%') {
                pi++;
                if (matchClass(c, pc(pi))) return sig;
            } else if (pc(pi + 1) == '-' && pi + 2 < ec) {
                pi += 2;
                if (pc(pi - 2) <= c && c <= pc(pi)) return sig;
            } else if (pc(pi) == c) {
                return sig;
            }
        }
        return !sig;
    }

    private boolean singleMatch(int c, int pi, int ep) {
        switch (pc(pi)) {
            case '.': return true;
            case '%': return matchClass(c, pc(pi + 1));
            case '[': return matchBracketClass(c, pi, ep - 1);
            default: return pc(pi) == c;
        }
    }

    /** Index after the match of pattern[pi..] at subject[si..], or -1. */
    int match(int si, int pi) {
        if (++depth > 200) throw new LuaError("pattern too complex");
        try {
            while (true) {
                switch (pc(pi)) {
                    case '(':
                        if (pc(pi + 1) == ')') return startCapture(si, pi + 2, CAP_POSITION);
                        return startCapture(si, pi + 1, CAP_UNFINISHED);
                    case ')':
                        return endCapture(si, pi + 1);
                    case 0:
                        return si;
                    case '$':
                        if (pc(pi + 1) == 0) return si == srcEnd ? si : -1;
                        break;
                    case '%': {
                        int c = pc(pi + 1);
                        if (c == 'b') {
                            si = matchBalance(si, pi + 2);
                            if (si < 0) return -1;
                            pi += 4;
                            continue;
                        }
                        if (c == 'f') {
                            pi += 2;
                            if (pc(pi) != '[') throw new LuaError("missing '[' after '%f' in pattern");
                            int ep = classEnd(pi);
                            int previous = si == 0 ? 0 : s(si - 1);
                            if (matchBracketClass(previous, pi, ep - 1) || !matchBracketClass(s(si), pi, ep - 1)) return -1;
                            pi = ep;
                            continue;
                        }
                        if (isdigit(c)) {
                            si = matchCapture(si, c);
                            if (si < 0) return -1;
                            pi += 2;
                            continue;
                        }
                        break;
                    }
                    default:
                        break;
                }
                int ep = classEnd(pi);
                boolean m = si < srcEnd && singleMatch(s(si), pi, ep);
                switch (pc(ep)) {
                    case '?': {
                        if (m) {
                            int res = match(si + 1, ep + 1);
                            if (res >= 0) return res;
                        }
                        pi = ep + 1;
                        continue;
                    }
                    case '*':
                        return maxExpand(si, pi, ep);
                    case '+':
                        return m ? maxExpand(si + 1, pi, ep) : -1;
                    case '-':
                        return minExpand(si, pi, ep);
                    default:
                        if (!m) return -1;
                        si++;
                        pi = ep;
                        continue;
                }
            }
        } finally {
            depth--;
        }
    }

    private int maxExpand(int si, int pi, int ep) {
        int i = 0;
        while (si + i < srcEnd && singleMatch(s(si + i), pi, ep)) i++;
        while (i >= 0) {
            int res = match(si + i, ep + 1);
            if (res >= 0) return res;
            i--;
        }
        return -1;
    }

    private int minExpand(int si, int pi, int ep) {
        while (true) {
            int res = match(si, ep + 1);
            if (res >= 0) return res;
            if (si < srcEnd && singleMatch(s(si), pi, ep)) si++;
            else return -1;
        }
    }

    private int startCapture(int si, int pi, int what) {
        if (level >= MAXCAPTURES) throw new LuaError("too many captures");
        capInit[level] = si;
        capLen[level] = what;
        level++;
        int res = match(si, pi);
        if (res < 0) level--;
        return res;
    }

    private int endCapture(int si, int pi) {
        int l = -1;
        for (int k = level - 1; k >= 0; k--) {
            if (capLen[k] == CAP_UNFINISHED) {
                l = k;
                break;
            }
        }
        if (l < 0) throw new LuaError("invalid pattern capture");
        capLen[l] = si - capInit[l];
        int res = match(si, pi);
        if (res < 0) capLen[l] = CAP_UNFINISHED;
        return res;
    }

    private int matchBalance(int si, int pi) {
        if (pc(pi) == 0 || pc(pi + 1) == 0) throw new LuaError("unbalanced pattern");
        if (s(si) != pc(pi)) return -1;
        int b = pc(pi), e = pc(pi + 1);
        int cont = 1;
        while (++si < srcEnd) {
            int c = s(si);
            if (c == e) {
                if (--cont == 0) return si + 1;
            } else if (c == b) {
                cont++;
            }
        }
        return -1;
    }

    private int matchCapture(int si, int l) {
        l -= '1';
        if (l < 0 || l >= level || capLen[l] == CAP_UNFINISHED) throw new LuaError("invalid capture index");
        int len = capLen[l];
        if (srcEnd - si >= len) {
            for (int k = 0; k < len; k++) {
                if (src[capInit[l] + k] != src[si + k]) return -1;
            }
            return si + len;
        }
        return -1;
    }

    LuaValue capture(int i, int s, int e) {
        if (i >= level) {
            if (i == 0) return LuaString.valueOf(src, s, e - s);
            throw new LuaError("invalid capture index");
        }
        int l = capLen[i];
        if (l == CAP_UNFINISHED) throw new LuaError("unfinished capture");
        if (l == CAP_POSITION) return LuaValue.valueOf(capInit[i] + 1);
        return LuaString.valueOf(src, capInit[i], l);
    }

    /** push_captures; {@code whole} false is 5.1's s == NULL (find). */
    Varargs captures(boolean whole, int s, int e) {
        int n = (level == 0 && whole) ? 1 : level;
        LuaValue[] v = new LuaValue[n];
        for (int i = 0; i < n; i++) v[i] = capture(i, s, e);
        return LuaValue.varargsOf(v);
    }

    // ------------------------------------------------------------ library functions

    static Varargs find(LuaString s, LuaString pat, long init0, boolean plain, boolean find) {
        long l1 = s.length();
        long init = StringLib51.posrelat(init0, l1) - 1;
        if (init < 0) init = 0;
        else if (init > l1) init = l1;
        if (find && (plain || !hasSpecials(pat))) {
            int idx = indexOf(s, pat, (int) init);
            if (idx >= 0) return LuaValue.varargsOf(LuaValue.valueOf(idx + 1), LuaValue.valueOf(idx + pat.length()));
            return LuaValue.NIL;
        }
        Pattern51 ms = new Pattern51(s, pat);
        int pi = 0;
        boolean anchor = ms.pc(0) == '^';
        if (anchor) pi = 1;
        int s1 = (int) init;
        do {
            ms.level = 0;
            int res = ms.match(s1, pi);
            if (res >= 0) {
                if (find) {
                    return LuaValue.varargsOf(LuaValue.valueOf(s1 + 1), LuaValue.valueOf(res), ms.captures(false, 0, 0));
                }
                return ms.captures(true, s1, res);
            }
        } while (s1++ < ms.srcEnd && !anchor);
        return LuaValue.NIL;
    }

    private static int indexOf(LuaString s, LuaString pat, int from) {
        int n = s.length(), m = pat.length();
        outer:
        for (int i = from; i + m <= n; i++) {
            for (int k = 0; k < m; k++) {
                if (s.luaByte(i + k) != pat.luaByte(k)) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** One step of gmatch from position start: {next start, captures} or null. */
    static Object[] gmatchStep(LuaString s, LuaString pat, int start) {
        Pattern51 ms = new Pattern51(s, pat);
        for (int src = start; src <= ms.srcEnd; src++) {
            ms.level = 0;
            int e = ms.match(src, 0);
            if (e >= 0) {
                int next = e == src ? e + 1 : e;
                return new Object[] {next, ms.captures(true, src, e)};
            }
        }
        return null;
    }

    static Varargs gsub(LuaString s, LuaString pat, LuaValue repl, int maxS) {
        Pattern51 ms = new Pattern51(s, pat);
        int pi = 0;
        boolean anchor = ms.pc(0) == '^';
        if (anchor) pi = 1;
        StringFormat51.Out b = new StringFormat51.Out();
        int src = 0;
        int n = 0;
        while (n < maxS) {
            ms.level = 0;
            int e = ms.match(src, pi);
            if (e >= 0) {
                n++;
                ms.addValue(b, src, e, repl);
            }
            if (e >= 0 && e > src) src = e;
            else if (src < ms.srcEnd) b.write(ms.src[src++]);
            else break;
            if (anchor) break;
        }
        b.write(ms.src, src, ms.srcEnd - src);
        Limits51.checkStringSize(b.size());
        return LuaValue.varargsOf(LuaString.valueUsing(b.toByteArray()), LuaValue.valueOf(n));
    }

    private void addValue(StringFormat51.Out b, int s, int e, LuaValue repl) {
        LuaValue r;
        switch (repl.type()) {
            case LuaValue.TNUMBER:
            case LuaValue.TSTRING: {
                LuaString news = repl.strvalue();
                int l = news.length();
                for (int i = 0; i < l; i++) {
                    int c = news.luaByte(i);
                    if (c != '%') {
                        b.write(c);
                    } else {
                        i++;
                        int d = i < l ? news.luaByte(i) : 0;
                        if (!isdigit(d)) b.write(d);
                        else if (d == '0') b.write(src, s, e - s);
                        else b.writeString(capture(d - '1', s, e).strvalue());
                    }
                }
                return;
            }
            case LuaValue.TFUNCTION:
                r = repl.invoke(captures(true, s, e)).arg1();
                break;
            default:
                r = repl.get(capture(0, s, e));
                break;
        }
        if (!r.toboolean()) {
            b.write(src, s, e - s);
        } else if (!Args51.isString(r)) {
            throw new LuaError("invalid replacement value (a " + r.typename() + ")");
        } else {
            b.writeString(r.strvalue());
        }
    }
}
