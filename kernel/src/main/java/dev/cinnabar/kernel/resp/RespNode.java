package dev.cinnabar.kernel.resp;

import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed RESP3 value, used for data the server replays rather than computes: the recorded
 * Redis command metadata ({@code COMMAND INFO}/{@code DOCS}). {@link #writeTo} re-emits it through
 * any {@link ReplySink}, so RESP2 clients get Redis's RESP2 shape.
 */
public sealed interface RespNode {

    void writeTo(ReplySink sink);

    record Simple(String text) implements RespNode {
        public void writeTo(ReplySink s) {
            s.simple(text);
        }
    }

    record Bulk(byte[] bytes) implements RespNode {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public void writeTo(ReplySink s) {
            s.bulk(bytes);
        }
    }

    record Int(long value) implements RespNode {
        public void writeTo(ReplySink s) {
            s.integer(value);
        }
    }

    record Null() implements RespNode {
        public void writeTo(ReplySink s) {
            s.nullBulk();
        }
    }

    /** An aggregate: {@code type} is {@code '*'}, {@code '~'} or {@code '%'} (map: children are k, v, k, v...). */
    record Aggregate(char type, List<RespNode> children) implements RespNode {
        public void writeTo(ReplySink s) {
            switch (type) {
                case '%' -> s.map(children.size() / 2);
                case '~' -> s.set(children.size());
                default -> s.array(children.size());
            }
            for (RespNode c : children) {
                c.writeTo(s);
            }
        }

        /** For a map: the value under the bulk or simple key {@code key}, or null. */
        public RespNode get(String key) {
            for (int i = 0; i + 1 < children.size(); i += 2) {
                if (key.equals(text(children.get(i)))) {
                    return children.get(i + 1);
                }
            }
            return null;
        }
    }

    /** The text of a simple or bulk string node, else null. */
    static String text(RespNode n) {
        if (n instanceof Simple s) {
            return s.text();
        }
        if (n instanceof Bulk b) {
            return b.text();
        }
        return null;
    }

    /** Parses one value from {@code data} starting at {@code pos[0]}, advancing it. */
    static RespNode parse(byte[] data, int[] pos) {
        int p = pos[0];
        char type = (char) data[p];
        int eol = p;
        while (data[eol] != '\r') {
            eol++;
        }
        String head = new String(data, p + 1, eol - p - 1, StandardCharsets.US_ASCII);
        pos[0] = eol + 2;
        switch (type) {
            case '+':
                return new Simple(head);
            case ':':
                return new Int(Long.parseLong(head));
            case '_':
                return new Null();
            case '$': {
                int n = Integer.parseInt(head);
                if (n < 0) {
                    return new Null();
                }
                byte[] b = new byte[n];
                System.arraycopy(data, pos[0], b, 0, n);
                pos[0] += n + 2;
                return new Bulk(b);
            }
            case '*':
            case '~':
            case '%': {
                int n = Integer.parseInt(head);
                int items = type == '%' ? 2 * n : n;
                List<RespNode> children = new ArrayList<>(Math.max(items, 0));
                for (int i = 0; i < items; i++) {
                    children.add(parse(data, pos));
                }
                return new Aggregate(type, children);
            }
            default:
                throw new IllegalArgumentException("unsupported RESP type " + type);
        }
    }
}
