package dev.cinnabar.commands.strings;

/**
 * Keyword matching as Redis's {@code strcasecmp} on an argument does it: ASCII case-insensitive,
 * and the argument read as a C string, so it ends at its first NUL byte ({@code "NX\0junk"} is
 * {@code NX} to Redis, and so to us).
 */
final class Keywords {

    private Keywords() {
    }

    static boolean is(byte[] arg, String keyword) {
        int n = keyword.length();
        if (arg.length < n || (arg.length > n && arg[n] != 0)) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            int c = arg[k];
            int d = keyword.charAt(k);
            if (c != d && (c | 0x20) != (d | 0x20)) {
                return false;
            }
            if ((d | 0x20) < 'a' || (d | 0x20) > 'z') {
                // only letters compare case-insensitively
                if (c != d) {
                    return false;
                }
            }
        }
        return true;
    }
}
