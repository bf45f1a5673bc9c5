package dev.cinnabar.commands.sets;

/**
 * Option keywords compared the way Redis's C code compares them ({@code strcasecmp}): up to the
 * first NUL byte, so {@code "LIMIT\0junk"} is {@code LIMIT} to Redis, and so to us.
 */
final class CString {

    private CString() {
    }

    /** {@code strcasecmp(arg, keyword) == 0} for an ASCII keyword. */
    static boolean equalsIgnoreCase(byte[] arg, String keyword) {
        int n = keyword.length();
        for (int i = 0; i < n; i++) {
            if (i >= arg.length || Character.toLowerCase((char) (arg[i] & 0xff)) != Character.toLowerCase(keyword.charAt(i))) {
                return false;
            }
        }
        return arg.length == n || arg[n] == 0;
    }
}
