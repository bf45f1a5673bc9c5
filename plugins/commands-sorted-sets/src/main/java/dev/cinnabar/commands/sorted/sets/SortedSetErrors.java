package dev.cinnabar.commands.sorted.sets;

/** Redis 7.0.15's error texts that only the sorted-set commands send ({@code t_zset.c}). */
final class SortedSetErrors {

    private SortedSetErrors() {
    }

    static final String XX_AND_NX = "ERR XX and NX options at the same time are not compatible";
    static final String GT_LT_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";
    static final String INCR_SINGLE_PAIR = "ERR INCR option supports a single increment-element pair";
    static final String RESULT_NAN = "ERR resulting score is not a number (NaN)";
    static final String MIN_MAX_NOT_FLOAT = "ERR min or max is not a float";
    static final String MIN_MAX_NOT_LEX = "ERR min or max not valid string range item";
    static final String LIMIT_ONLY_WITH_BY = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    static final String WITHSCORES_WITH_BYLEX = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
    static final String WEIGHT_NOT_FLOAT = "ERR weight value is not a float";
    static final String NUMKEYS_POSITIVE = "ERR numkeys should be greater than 0";
    static final String COUNT_POSITIVE = "ERR count should be greater than 0";
    static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
    static final String OUT_OF_RANGE = "ERR value is out of range";
    static final String RANDMEMBER_COUNT_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /** {@code ERR at least 1 input key is needed for '<command>' command}. */
    static String atLeastOneKey(String command) {
        return "ERR at least 1 input key is needed for '" + command + "' command";
    }
}
