package dev.cinnabar.commands.sets;

/** The set commands' error texts that {@link dev.cinnabar.api.command.Errors} does not hold, byte for byte as Redis 7.0.15 sends them. */
final class SetErrors {

    private SetErrors() {
    }

    static final String NUMKEYS_NOT_POSITIVE = "ERR numkeys should be greater than 0";
    static final String NUMKEYS_EXCEED_ARGS = "ERR Number of keys can't be greater than number of args";
    static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
    /** SRANDMEMBER's count range check ({@code getRangeLongFromObjectOrReply}, sic: "must between"). */
    static final String SRANDMEMBER_COUNT_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /**
     * Cinnabar's own refusal of an SRANDMEMBER reply too large to buffer (Redis has no such
     * error: it grows its output buffer until memory runs out).
     */
    static String replyTooLarge(long count) {
        return "ERR SRANDMEMBER count " + count + " would need a reply larger than the server buffers for one command";
    }
}
