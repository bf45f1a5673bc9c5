package dev.cinnabar.scripting;

import dev.cinnabar.api.script.ScriptException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A script's first line {@code #!<engine> flags=a,b} (Redis's {@code evalExtractShebangFlags}):
 * the engine it names, its flags, and the body the engine compiles, with the shebang text cut but
 * its newline kept so that line numbers stay the user's.
 */
record Shebang(String engine, Set<ScriptFlag> flags, boolean present, byte[] code) {

    /** Parses {@code body} ({@code engineLoaded} tells which engine names exist); a body not starting with {@code #!} is plain Lua without flags. */
    static Shebang parse(byte[] body, java.util.function.Predicate<String> engineLoaded) throws ScriptException {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') {
            return new Shebang("lua", EnumSet.noneOf(ScriptFlag.class), false, body);
        }
        int nl = indexOf(body, (byte) '\n');
        if (nl < 0) {
            throw new ScriptException("ERR Invalid script shebang");
        }
        List<String> parts = SplitArgs.split(body, 0, nl);
        if (parts == null || parts.isEmpty()) {
            throw new ScriptException("ERR Invalid engine in script shebang");
        }
        String first = parts.get(0);
        // Redis knows only #!lua; here any loaded engine may be named
        if (!first.startsWith("#!") || !engineLoaded.test(first.substring(2))) {
            throw new ScriptException("ERR Unexpected engine in script shebang: " + first);
        }
        Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        for (String part : parts.subList(1, parts.size())) {
            if (!part.startsWith("flags=")) {
                throw new ScriptException("ERR Unknown lua shebang option: " + part);
            }
            String value = part.substring("flags=".length());
            if (value.isEmpty()) {
                continue;
            }
            for (String name : value.split(",", -1)) {
                ScriptFlag f = ScriptFlag.byName(name);
                if (f == null) {
                    throw new ScriptException("ERR Unexpected flag in script shebang: " + name);
                }
                flags.add(f);
            }
        }
        byte[] code = new byte[body.length - nl];
        System.arraycopy(body, nl, code, 0, code.length);
        return new Shebang(first.substring(2), flags, true, code);
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** Redis's {@code sdssplitargs} over a byte range: null for unbalanced quotes. */
    static final class SplitArgs {

        private SplitArgs() {
        }

        static List<String> split(byte[] b, int from, int to) {
            List<String> out = new ArrayList<>();
            int p = from;
            while (true) {
                while (p < to && isSpace(b[p])) {
                    p++;
                }
                if (p >= to) {
                    return out;
                }
                ByteArrayOutputStream cur = new ByteArrayOutputStream();
                boolean inq = false;
                boolean insq = false;
                boolean done = false;
                while (!done) {
                    if (inq) {
                        if (p >= to) {
                            return null;
                        }
                        if (b[p] == '\\' && p + 3 < to && b[p + 1] == 'x' && isHex(b[p + 2]) && isHex(b[p + 3])) {
                            cur.write(Character.digit(b[p + 2], 16) * 16 + Character.digit(b[p + 3], 16));
                            p += 3;
                        } else if (b[p] == '\\' && p + 1 < to) {
                            p++;
                            cur.write(switch (b[p]) {
                                case 'n' -> '\n';
                                case 'r' -> '\r';
                                case 't' -> '\t';
                                case 'b' -> '\b';
                                case 'a' -> 7;
                                default -> b[p];
                            });
                        } else if (b[p] == '"') {
                            if (p + 1 < to && !isSpace(b[p + 1])) {
                                return null;
                            }
                            done = true;
                        } else {
                            cur.write(b[p]);
                        }
                    } else if (insq) {
                        if (p >= to) {
                            return null;
                        }
                        if (b[p] == '\\' && p + 1 < to && b[p + 1] == '\'') {
                            p++;
                            cur.write('\'');
                        } else if (b[p] == '\'') {
                            if (p + 1 < to && !isSpace(b[p + 1])) {
                                return null;
                            }
                            done = true;
                        } else {
                            cur.write(b[p]);
                        }
                    } else {
                        if (p >= to) {
                            done = true;
                            continue;
                        }
                        switch (b[p]) {
                            case ' ', '\n', '\r', '\t', 0 -> done = true;
                            case '"' -> inq = true;
                            case '\'' -> insq = true;
                            default -> cur.write(b[p]);
                        }
                    }
                    if (p < to) {
                        p++;
                    }
                }
                out.add(cur.toString(StandardCharsets.ISO_8859_1));
            }
        }

        private static boolean isSpace(byte c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0b || c == '\f';
        }

        private static boolean isHex(byte c) {
            return Character.digit(c, 16) >= 0;
        }
    }
}
