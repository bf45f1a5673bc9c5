package dev.cinnabar.api.command;

import dev.cinnabar.api.keyspace.Numbers;

import java.nio.charset.StandardCharsets;

/**
 * A command's arguments as the client sent them: binary-safe byte arrays, index 0 being the
 * command name. Helpers parse numbers and keywords with Redis's rules and error texts.
 */
public final class Arguments {

    private final byte[][] argv;

    public Arguments(byte[][] argv) {
        this.argv = argv;
    }

    /** Number of arguments including the command name. */
    public int count() {
        return argv.length;
    }

    /** Argument {@code i}, unchanged (callers must not modify it). */
    public byte[] get(int i) {
        return argv[i];
    }

    /** The backing array (callers must not modify it). */
    public byte[][] raw() {
        return argv;
    }

    /** Argument {@code i} decoded as ISO-8859-1: one char per byte, for keywords and messages. */
    public String string(int i) {
        return new String(argv[i], StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether argument {@code i} is {@code keyword} the way Redis's {@code strcasecmp} sees it:
     * ASCII case-insensitive, and the argument read as a C string, so it ends at its first NUL
     * byte ({@code "NX\0junk"} is {@code NX} to Redis, and so to us).
     */
    public boolean is(int i, String keyword) {
        return isKeyword(argv[i], keyword);
    }

    /** {@link #is(int, String)} for any argument bytes. */
    public static boolean isKeyword(byte[] arg, String keyword) {
        int n = keyword.length();
        if (arg.length < n || (arg.length > n && arg[n] != 0)) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            int c = arg[k] & 0xff;
            int d = keyword.charAt(k);
            if (c != d && !(isAsciiLetter(d) && (c | 0x20) == (d | 0x20))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(int c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    /** The bytes before the first NUL as ISO-8859-1 text: the argument as C's {@code %s} prints it. */
    public static String cString(byte[] arg) {
        int n = 0;
        while (n < arg.length && arg[n] != 0) {
            n++;
        }
        return new String(arg, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Argument {@code i} as a 64-bit integer; else {@code ERR value is not an integer or out of range}. */
    public long longValue(int i) {
        try {
            return Numbers.parseLong(argv[i]);
        } catch (NumberFormatException e) {
            throw CommandException.notInteger();
        }
    }

    /** As {@link #longValue} with a custom error text. */
    public long longValue(int i, String errorText) {
        try {
            return Numbers.parseLong(argv[i]);
        } catch (NumberFormatException e) {
            throw new CommandException(errorText);
        }
    }

    /** Argument {@code i} as a double; else {@code ERR value is not a valid float}. */
    public double doubleValue(int i) {
        try {
            return Numbers.parseDouble(argv[i]);
        } catch (NumberFormatException e) {
            throw new CommandException(Errors.NOT_FLOAT);
        }
    }
}
