package dev.cinnabar.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A RESP2/RESP3 reply parsed into a tree and written back byte for byte, so that tests can put
 * the elements of replies whose order Redis leaves unspecified (FUNCTION LIST) into one order
 * before comparing bytes.
 */
final class RespTree {

    /** {@code head} is the reply's first line with its CRLF (a bulk string's payload included). */
    private final byte[] head;
    private final List<RespTree> children;

    private RespTree(byte[] head, List<RespTree> children) {
        this.head = head;
        this.children = children;
    }

    static RespTree parse(byte[] reply) {
        int[] pos = {0};
        RespTree t = parse(reply, pos);
        if (pos[0] != reply.length) {
            throw new IllegalArgumentException("trailing bytes after the reply: " + Replies.show(reply));
        }
        return t;
    }

    private static RespTree parse(byte[] b, int[] pos) {
        int start = pos[0];
        int eol = start;
        while (b[eol] != '\r') {
            eol++;
        }
        char type = (char) b[start];
        int lineEnd = eol + 2;
        List<RespTree> children = new ArrayList<>();
        switch (type) {
            case '$', '=', '!' -> {
                int n = Integer.parseInt(new String(b, start + 1, eol - start - 1, StandardCharsets.US_ASCII));
                pos[0] = n < 0 ? lineEnd : lineEnd + n + 2;
                return new RespTree(Arrays.copyOfRange(b, start, pos[0]), children);
            }
            case '*', '~', '>', '%', '|' -> {
                int n = Integer.parseInt(new String(b, start + 1, eol - start - 1, StandardCharsets.US_ASCII));
                pos[0] = lineEnd;
                int elements = type == '%' || type == '|' ? 2 * n : Math.max(n, 0);
                for (int i = 0; i < elements; i++) {
                    children.add(parse(b, pos));
                }
                return new RespTree(Arrays.copyOfRange(b, start, lineEnd), children);
            }
            default -> {
                pos[0] = lineEnd;
                return new RespTree(Arrays.copyOfRange(b, start, lineEnd), children);
            }
        }
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    private void write(ByteArrayOutputStream out) {
        out.writeBytes(head);
        for (RespTree c : children) {
            c.write(out);
        }
    }

    /** The element after the bulk string {@code key} in this map (or flat RESP2 map), or null. */
    RespTree value(String key) {
        byte[] k = ("$" + key.length() + "\r\n" + key + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + 1 < children.size(); i += 2) {
            if (Arrays.equals(children.get(i).head, k)) {
                return children.get(i + 1);
            }
        }
        return null;
    }

    List<RespTree> children() {
        return children;
    }

    /** Sorts the direct elements by their bytes. */
    void sortChildren() {
        children.sort(Comparator.comparing(c -> new String(c.bytes(), StandardCharsets.ISO_8859_1)));
    }

    /**
     * FUNCTION LIST in one order: libraries, and the functions of each library, sorted by their
     * bytes (Redis lists both in hash-table order).
     */
    static byte[] canonicalFunctionList(byte[] reply) {
        if (reply[0] != '*') {
            return reply;
        }
        RespTree t = parse(reply);
        for (RespTree lib : t.children) {
            RespTree functions = lib.value("functions");
            if (functions != null) {
                functions.sortChildren();
            }
        }
        t.sortChildren();
        return t.bytes();
    }
}
