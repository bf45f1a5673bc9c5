package dev.cinnabar.kernel.pubsub;

/** Redis 7.0.15's pub/sub error texts, byte for byte. */
final class PubSubErrors {

    private PubSubErrors() {
    }

    /** SSUBSCRIBE under MULTI/EXEC or from a script (SUBSCRIBE and PSUBSCRIBE are let through in EXEC). */
    static final String SSUBSCRIBE_DENY_BLOCKING = "ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client";

    /** The RESP2 subscribed-context rejection ({@code processCommand}); {@code fullName} as {@code config|get}. */
    static String onlyPubSubAllowed(String fullName) {
        return "ERR Can't execute '" + fullName + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                + "are allowed in this context";
    }

    /** Redis's {@code addReplySubcommandSyntaxError}: {@code argv[1]} as typed, cut like {@code %.128s}. */
    static String subcommandSyntax(String typed, String container) {
        return "ERR unknown subcommand or wrong number of arguments for '" + typed + "'. Try " + container + " HELP.";
    }
}
