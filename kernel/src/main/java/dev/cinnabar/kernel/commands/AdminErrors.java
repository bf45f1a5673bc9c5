package dev.cinnabar.kernel.commands;

/**
 * Redis 7.0.15's error texts for the kernel's connection and administration commands (HELLO,
 * AUTH, CLIENT, SHUTDOWN, SLOWLOG, LATENCY), byte for byte, in one place.
 */
final class AdminErrors {

    private AdminErrors() {
    }

    static final String PROTOCOL_NOT_INTEGER = "ERR Protocol version is not an integer or out of range";
    static final String NOPROTO = "NOPROTO unsupported protocol version";
    static final String HELLO_NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, otherwise the "
            + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
            + "protocol version at the same time";
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    static final String AUTH_WITHOUT_PASSWORD = "ERR AUTH <password> called without any password configured for the "
            + "default user. Are you sure your configuration is correct?";
    static final String BAD_CLIENT_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";
    static final String INVALID_CLIENT_ID = "ERR Invalid client ID";
    static final String CLIENT_ID_NOT_POSITIVE = "ERR client-id should be greater than 0";
    static final String NO_SUCH_CLIENT = "ERR No such client";
    static final String UNBLOCK_REASON = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";
    static final String NO_SHUTDOWN_IN_PROGRESS = "ERR No shutdown in progress.";
    static final String SHUTDOWN_FAILED = "ERR Errors trying to SHUTDOWN. Check logs.";
    static final String SLOWLOG_COUNT = "ERR count should be greater than or equal to -1";

    /** {@code ERR Syntax error in HELLO option '<opt>'}. */
    static String helloOption(String option) {
        return "ERR Syntax error in HELLO option '" + option + "'";
    }

    /** {@code ERR Unknown client type '<type>'}. */
    static String unknownClientType(String type) {
        return "ERR Unknown client type '" + type + "'";
    }

    /** {@code ERR No such user '<user>'}. */
    static String noSuchUser(String user) {
        return "ERR No such user '" + user + "'";
    }

    /** Redis's {@code addReplySubcommandSyntaxError}: a known subcommand with the wrong arguments. */
    static String subcommandSyntax(String sub, String container) {
        String s = sub.length() > 128 ? sub.substring(0, 128) : sub;
        return "ERR unknown subcommand or wrong number of arguments for '" + s + "'. Try " + container + " HELP.";
    }

    /** {@code ERR No samples available for event '<event>'} (LATENCY GRAPH). */
    static String noLatencySamples(String event) {
        return "ERR No samples available for event '" + event + "'";
    }

    /** C's {@code %s}: the text stops at the first NUL byte. */
    static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
