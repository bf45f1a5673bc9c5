package dev.cinnabar.kernel.aof;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis 7.0's AOF manifest ({@code aof.c} {@code aofLoadManifestFromFile} /
 * {@code getAofManifestAsString}): one {@code file <name> seq <n> type <b|h|i>} line per file,
 * in the order base, history, incr.
 */
final class AofManifest {

    enum Type {
        BASE('b'), HISTORY('h'), INCR('i');

        final char letter;

        Type(char letter) {
            this.letter = letter;
        }
    }

    record Entry(String name, long seq, Type type) {
    }

    Entry base;
    final List<Entry> history = new ArrayList<>();
    final List<Entry> incrs = new ArrayList<>();
    long currentBaseSeq;
    long currentIncrSeq;

    AofManifest copy() {
        AofManifest m = new AofManifest();
        m.base = base;
        m.history.addAll(history);
        m.incrs.addAll(incrs);
        m.currentBaseSeq = currentBaseSeq;
        m.currentIncrSeq = currentIncrSeq;
        return m;
    }

    /** Thrown with Redis's wording of the problem. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static AofManifest parse(byte[] data) throws Invalid {
        AofManifest m = new AofManifest();
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int lines = 0;
        long maxIncrSeq = 0;
        for (String raw : text.split("\n", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.length() > 1024) {
                throw new Invalid("The AOF manifest file contains too long line");
            }
            if (raw.startsWith("#")) {
                continue;
            }
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> tokens = splitArgs(line);
            if (tokens == null || tokens.size() < 6 || tokens.size() % 2 != 0) {
                throw new Invalid("Invalid AOF manifest file format");
            }
            String name = null;
            long seq = 0;
            String type = null;
            for (int i = 0; i < tokens.size(); i += 2) {
                String k = tokens.get(i).toLowerCase(Locale.ROOT);
                String v = tokens.get(i + 1);
                switch (k) {
                    case "file" -> {
                        if (v.contains("/")) {
                            throw new Invalid("File can't be a path, just a filename");
                        }
                        name = v;
                    }
                    case "seq" -> {
                        try {
                            seq = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            seq = 0;
                        }
                    }
                    case "type" -> type = v;
                    default -> {
                        // unknown pairs are ignored, as Redis does
                    }
                }
            }
            if (name == null || seq == 0 || type == null) {
                throw new Invalid("Invalid AOF manifest file format");
            }
            lines++;
            switch (type) {
                case "b" -> {
                    if (m.base != null) {
                        throw new Invalid("Found duplicate base file information");
                    }
                    m.base = new Entry(name, seq, Type.BASE);
                    m.currentBaseSeq = seq;
                }
                case "h" -> m.history.add(new Entry(name, seq, Type.HISTORY));
                case "i" -> {
                    if (seq <= maxIncrSeq) {
                        throw new Invalid("Found a non-monotonic sequence number");
                    }
                    maxIncrSeq = seq;
                    m.incrs.add(new Entry(name, seq, Type.INCR));
                    m.currentIncrSeq = seq;
                }
                default -> throw new Invalid("Unknown AOF file type");
            }
        }
        if (lines == 0) {
            throw new Invalid("Found an empty AOF manifest");
        }
        return m;
    }

    byte[] format() {
        StringBuilder sb = new StringBuilder();
        if (base != null) {
            line(sb, base);
        }
        for (Entry e : history) {
            line(sb, e);
        }
        for (Entry e : incrs) {
            line(sb, e);
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void line(StringBuilder sb, Entry e) {
        sb.append("file ").append(quoteIfNeeded(e.name())).append(" seq ").append(e.seq())
                .append(" type ").append(e.type().letter).append('\n');
    }

    /** sdscatrepr when the name holds a space or a character that is not printable. */
    private static String quoteIfNeeded(String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = c > ' ' && c < 127 && c != '"' && c != '\'' && c != '\\';
        }
        if (plain) {
            return name;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> {
                    if (c >= ' ' && c < 127) {
                        sb.append(c);
                    } else {
                        sb.append(String.format("\\x%02x", (int) c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A reduced sdssplitargs: bare words, double quotes with escapes, single quotes; null when unbalanced. */
    static List<String> splitArgs(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            StringBuilder cur = new StringBuilder();
            char q = line.charAt(i);
            if (q == '"' || q == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (q == '"' && c == '\\' && i + 1 < n) {
                        char e = line.charAt(i + 1);
                        if (e == 'x' && i + 3 < n) {
                            cur.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                            i += 4;
                            continue;
                        }
                        cur.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> e;
                        });
                        i += 2;
                        continue;
                    }
                    if (c == q) {
                        closed = true;
                        i++;
                        break;
                    }
                    cur.append(c);
                    i++;
                }
                if (!closed || (i < n && !Character.isWhitespace(line.charAt(i)))) {
                    return null;
                }
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    cur.append(line.charAt(i++));
                }
            }
            out.add(cur.toString());
        }
    }
}
