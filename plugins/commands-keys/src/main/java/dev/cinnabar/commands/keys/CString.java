package dev.cinnabar.commands.keys;

import java.nio.charset.StandardCharsets;

/**
 * Arguments seen the way Redis's C code sees them where it uses C-string functions
 * ({@code strcasecmp}, {@code %s}): up to the first NUL byte. {@code EXPIRE k 10 "nx\0junk"} is
 * {@code NX} to Redis, so it must be to us.
 */
final class CString {

    private CString() {
    }

    /** The bytes before the first NUL, as ISO-8859-1 text. */
    static String of(byte[] arg) {
        int n = 0;
        while (n < arg.length && arg[n] != 0) {
            n++;
        }
        return new String(arg, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** {@code strcasecmp(arg, keyword) == 0} for an ASCII keyword. */
    static boolean equalsIgnoreCase(byte[] arg, String keyword) {
        return of(arg).equalsIgnoreCase(keyword);
    }
}
