package dev.cinnabar.functions;

import java.nio.charset.StandardCharsets;

/** Library and function names: Redis's rule for them and its case-insensitive comparison. */
final class Names {

    private Names() {
    }

    /** {@code functionsVerifyName}: non-empty, only {@code [a-zA-Z0-9_]}. */
    static boolean valid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case, as {@code strcasecmp} compares in the C locale. */
    static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = i; j < a.length; j++) {
                    if (a[j] >= 'A' && a[j] <= 'Z') {
                        a[j] = (char) (a[j] + 32);
                    }
                }
                return new String(a);
            }
        }
        return s;
    }

    /** An argument as the one-char-per-byte text names are kept in. */
    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The text up to the first NUL: Redis formats these with {@code %s}. */
    static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
