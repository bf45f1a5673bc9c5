package dev.cinnabar.api.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's {@code sdssplitargs} over a byte range: words separated by blanks, {@code "..."} with
 * C escapes and {@code \xHH}, {@code '...'} with {@code \'}; a closing quote must be followed by a
 * blank. Shebang lines of scripts and function libraries are split this way.
 *
 * @since 1.2.0
 */
public final class SplitArgs {

    private SplitArgs() {
    }

    /** The words of {@code b[from, to)}, one char per byte (ISO-8859-1); null for unbalanced quotes. */
    public static List<String> split(byte[] b, int from, int to) {
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
