package dev.cinnabar.commands.hashes;

/** Redis 7.0.15's error texts that only the hash commands send ({@code t_hash.c}). */
final class HashErrors {

    private HashErrors() {
    }

    static final String VALUE_NOT_INTEGER = "ERR hash value is not an integer";
    static final String VALUE_NOT_FLOAT = "ERR hash value is not a float";
    /** HINCRBYFLOAT's check of the increment itself, before the key is looked at. */
    static final String INCREMENT_NAN_OR_INFINITY = "ERR value is NaN or Infinity";
    /** HRANDFIELD with WITHVALUES and a count beyond ±LONG_MAX/2, whose reply length would overflow. */
    static final String VALUE_OUT_OF_RANGE = "ERR value is out of range";
    /** HRANDFIELD's count, read with {@code getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX)}. */
    static final String COUNT_OUT_OF_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
}
