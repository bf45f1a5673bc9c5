package dev.cinnabar.commands.strings;

/** Redis 7.0.15's error texts that only the string and bit commands send ({@code t_string.c}, {@code bitops.c}). */
final class StringErrors {

    private StringErrors() {
    }

    static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";
    static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
    static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    static final String BIT_VALUE = "ERR bit is not an integer or out of range";
    static final String BIT_ARGUMENT = "ERR The bit argument must be 1 or 0.";
    static final String BITOP_NOT_ONE_KEY = "ERR BITOP NOT must be called with a single source key.";
    static final String BITFIELD_TYPE =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
    static final String BITFIELD_OVERFLOW_TYPE = "ERR Invalid OVERFLOW type specified";
    static final String BITFIELD_RO_GET_ONLY = "ERR BITFIELD_RO only supports the GET subcommand";
    static final String LCS_WRONG_TYPE = "ERR The specified keys must contain string values";
    static final String LCS_LEN_AND_IDX = "ERR If you want both the length and indexes, please just use IDX.";
    static final String LCS_TABLE_TOO_BIG =
            "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
    static final String LCS_NO_MEMORY = "ERR Insufficient memory, failed allocating transient memory for LCS";
}
