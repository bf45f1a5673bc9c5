package dev.cinnabar.api.command;

/** Redis 7.0's generic error texts, byte for byte, for every plugin to share. */
public final class Errors {

    private Errors() {
    }

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String OUT_OF_RANGE_POSITIVE = "ERR value is out of range, must be positive";
    public static final String INDEX_OUT_OF_RANGE = "ERR index out of range";
    public static final String INVALID_CURSOR = "ERR invalid cursor";

    /** {@code ERR wrong number of arguments for '<fullname>' command}. */
    public static String arity(String fullName) {
        return "ERR wrong number of arguments for '" + fullName + "' command";
    }

    /** {@code ERR invalid expire time in '<command>' command}. */
    public static String invalidExpire(String command) {
        return "ERR invalid expire time in '" + command + "' command";
    }

    /** {@code ERR unknown subcommand '<sub>'. Try <CONTAINER> HELP.} */
    public static String unknownSubcommand(String sub, String container) {
        String s = sub.length() > 128 ? sub.substring(0, 128) : sub;
        return "ERR unknown subcommand '" + s + "'. Try " + container.toUpperCase(java.util.Locale.ROOT) + " HELP.";
    }
}
