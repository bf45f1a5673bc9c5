package dev.cinnabar.functions;

import dev.cinnabar.api.script.ScriptException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The first line of a library, {@code #!<engine> name=<library>} (Redis's
 * {@code functionExtractLibMetaData}), and the code the engine runs: everything from that line's
 * newline on, so that line numbers stay the user's.
 */
record LibraryMetadata(String engine, String name, byte[] body) {

    static LibraryMetadata parse(byte[] code) throws ScriptException {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            throw new ScriptException(FunctionErrors.MISSING_METADATA);
        }
        // strchr on a C string: a NUL before the first newline ends the search
        int nl = -1;
        for (int i = 2; i < code.length && code[i] != 0; i++) {
            if (code[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            throw new ScriptException(FunctionErrors.INVALID_METADATA);
        }
        List<String> parts = SplitArgs.split(code, 0, nl);
        if (parts == null || parts.isEmpty()) {
            throw new ScriptException(FunctionErrors.INVALID_METADATA);
        }
        String first = parts.get(0);
        String engine = first.length() >= 2 ? first.substring(2) : "";
        String name = null;
        for (String part : parts.subList(1, parts.size())) {
            if (part.regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    throw new ScriptException(FunctionErrors.NAME_TWICE);
                }
                name = part.substring(5);
                continue;
            }
            throw new ScriptException(FunctionErrors.invalidMetadataValue(Names.cString(part)));
        }
        if (name == null) {
            throw new ScriptException(FunctionErrors.NO_LIBRARY_NAME);
        }
        byte[] body = new byte[code.length - nl];
        System.arraycopy(code, nl, body, 0, body.length);
        return new LibraryMetadata(engine, name, body);
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
