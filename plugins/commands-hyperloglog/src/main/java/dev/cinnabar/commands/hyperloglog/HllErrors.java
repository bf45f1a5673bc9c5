package dev.cinnabar.commands.hyperloglog;

/** The HyperLogLog error texts, byte for byte as Redis 7.0.15 sends them ({@code hyperloglog.c}). */
final class HllErrors {

    private HllErrors() {
    }

    /** {@code isHLLObjectOrReply}: a string that is not a well-formed HLL header. */
    static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    /** {@code invalid_hll_err}: a sparse representation whose opcodes do not cover 16384 registers. */
    static final String CORRUPTED = "INVALIDOBJ Corrupted HLL object detected";
    static final String NO_SUCH_KEY = "ERR The specified key does not exist";
    static final String NOT_SPARSE = "ERR HLL encoding is not sparse";
    static final String SPARSE_NOT_USED = "ERR TESTFAILED sparse encoding not used";
    static final String DENSE_SPARSE_DISAGREE = "ERR TESTFAILED dense/sparse disagree";

    /** Redis formats the subcommand with {@code %s}, so the echo ends at a NUL byte. */
    static String unknownSubcommand(String cmd) {
        return "ERR Unknown PFDEBUG subcommand '" + cmd + "'";
    }

    static String subcommandArity(String cmd) {
        return "ERR Wrong number of arguments for the '" + cmd + "' subcommand";
    }

    static String registerMismatch(int register, int expected, int actual) {
        return "ERR TESTFAILED Register " + register + " should be " + expected + " but is " + actual;
    }

    static String tooBigError(long cardinality, long error) {
        return "ERR TESTFAILED Too big error. card:" + cardinality + " abserr:" + error;
    }
}
