package dev.cinnabar.commands.hashes;

/**
 * Keyword comparison as Redis's {@code strcasecmp} on an argument sees it: the argument ends at
 * its first NUL byte, so {@code "withvalues\0junk"} is {@code WITHVALUES}.
 */
final class CString {

    private CString() {
    }

    static boolean equalsIgnoreCase(byte[] arg, String keyword) {
        int n = keyword.length();
        if (arg.length < n || (arg.length > n && arg[n] != 0)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int a = arg[i];
            if (a >= 'A' && a <= 'Z') {
                a += 32;
            }
            if (a != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
