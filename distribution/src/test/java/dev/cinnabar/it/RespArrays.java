package dev.cinnabar.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decodes the flat RESP2 replies these tests need: arrays of bulk strings, and SCAN's pair. */
final class RespArrays {

    private RespArrays() {
    }

    static List<byte[]> bulks(byte[] reply) {
        int[] pos = {0};
        List<byte[]> out = new ArrayList<>();
        int n = header(reply, pos, '*');
        for (int i = 0; i < n; i++) {
            out.add(bulk(reply, pos));
        }
        return out;
    }

    static List<String> strings(byte[] reply) {
        List<String> out = new ArrayList<>();
        for (byte[] b : bulks(reply)) {
            out.add(new String(b, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** [cursor, [keys...]] with keys as ISO-8859-1 strings. */
    static List<Object> scan(byte[] reply) {
        int[] pos = {0};
        assertEquals(2, header(reply, pos, '*'), Replies.show(reply));
        String cursor = new String(bulk(reply, pos), StandardCharsets.US_ASCII);
        int n = header(reply, pos, '*');
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(new String(bulk(reply, pos), StandardCharsets.ISO_8859_1));
        }
        return List.of(cursor, keys);
    }

    private static int header(byte[] b, int[] pos, char type) {
        assertEquals(type, (char) b[pos[0]], Replies.show(b));
        int end = pos[0];
        while (b[end] != '\r') {
            end++;
        }
        int n = Integer.parseInt(new String(b, pos[0] + 1, end - pos[0] - 1, StandardCharsets.US_ASCII));
        pos[0] = end + 2;
        return n;
    }

    private static byte[] bulk(byte[] b, int[] pos) {
        int len = header(b, pos, '$');
        byte[] out = Arrays.copyOfRange(b, pos[0], pos[0] + len);
        pos[0] += len + 2;
        return out;
    }
}
