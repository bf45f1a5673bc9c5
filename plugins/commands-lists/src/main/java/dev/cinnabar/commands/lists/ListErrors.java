package dev.cinnabar.commands.lists;

/** Redis 7.0.15's error texts that only the list commands send ({@code t_list.c}, {@code timeout.c}). */
final class ListErrors {

    private ListErrors() {
    }

    static final String LPOS_RANK_ZERO = "ERR RANK can't be zero: use 1 to start from the first match, "
            + "2 from the second ... or use negative to start from the end of the list";
    static final String LPOS_COUNT_NEGATIVE = "ERR COUNT can't be negative";
    static final String LPOS_MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";
    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String COUNT = "ERR count should be greater than 0";
}
