package dev.cinnabar.kernel.exec;

/** Redis 7.0.15's error texts for MULTI/EXEC/DISCARD/WATCH, byte for byte, in one place. */
public final class TransactionErrors {

    private TransactionErrors() {
    }

    public static final String NESTED_MULTI = "ERR MULTI calls can not be nested";
    public static final String WATCH_INSIDE_MULTI = "ERR WATCH inside MULTI is not allowed";
    public static final String NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";
    public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
    public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
}
