package dev.cinnabar.engine.js;

import java.nio.charset.StandardCharsets;

/**
 * Redis data are bytes, JavaScript strings are UTF-16: a byte becomes the char of the same value
 * (ISO-8859-1), so data read by {@code redis.call}, {@code KEYS} and {@code ARGV} go back unchanged.
 * A string with a char above U+00FF cannot be such bytes: it is sent as UTF-8 (text a script wrote
 * itself, such as {@code '€'}).
 */
final class JsStrings {

    private JsStrings() {
    }

    static String text(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
