package dev.cinnabar.kernel.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code redis.conf}-style file: one directive per line, {@code name arg...}, {@code #}
 * comments, arguments split like Redis's {@code sdssplitargs} (quotes allowed), and
 * {@code include other.conf}.
 */
public final class ConfigFile {

    /** One directive: the name (lower case) and its arguments joined by single spaces. */
    public record Directive(String name, String value, int line, Path file) {
    }

    private ConfigFile() {
    }

    public static List<Directive> read(Path file) throws IOException {
        List<Directive> out = new ArrayList<>();
        read(file, out, 0);
        return out;
    }

    private static void read(Path file, List<Directive> out, int depth) throws IOException {
        if (depth > 8) {
            throw new IOException("include nesting too deep at " + file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> args = split(line);
            if (args == null) {
                throw new IOException("Unbalanced quotes in configuration line " + (i + 1) + " of " + file);
            }
            if (args.isEmpty()) {
                continue;
            }
            String name = args.get(0).toLowerCase(java.util.Locale.ROOT);
            String value = String.join(" ", args.subList(1, args.size()));
            if (name.equals("include")) {
                Path inc = Path.of(value);
                read(inc.isAbsolute() ? inc : file.toAbsolutePath().getParent().resolve(inc), out, depth + 1);
            } else {
                out.add(new Directive(name, value, i + 1, file));
            }
        }
    }

    /** Splits like sdssplitargs; null on unbalanced quotes. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0, n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            StringBuilder cur = new StringBuilder();
            boolean inq = false, insq = false;
            while (true) {
                if (i >= n) {
                    if (inq || insq) {
                        return null;
                    }
                    break;
                }
                char c = line.charAt(i);
                if (inq) {
                    if (c == '\\' && i + 1 < n) {
                        char e = line.charAt(++i);
                        cur.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else if (c == '"') {
                        inq = false;
                        i++;
                        break;
                    } else {
                        cur.append(c);
                    }
                } else if (insq) {
                    if (c == '\'') {
                        insq = false;
                        i++;
                        break;
                    }
                    cur.append(c);
                } else if (Character.isWhitespace(c)) {
                    break;
                } else if (c == '"') {
                    inq = true;
                } else if (c == '\'') {
                    insq = true;
                } else {
                    cur.append(c);
                }
                i++;
            }
            out.add(cur.toString());
        }
    }
}
