package dev.cinnabar.kernel.resp;

/**
 * What the decoder needs to know about the connection and the server's limits. Read per request,
 * so {@code CONFIG SET} and {@code AUTH} take effect at once.
 */
public interface RequestLimits {

    /** {@code proto-max-bulk-len}. */
    long maxBulkLength();

    /** {@code client-query-buffer-limit}. */
    long queryBufferLimit();

    /** Whether the client must still authenticate (tighter limits apply, as in Redis). */
    boolean unauthenticated();

    /**
     * Whether the connection has more output waiting than it may buffer; while true the decoder
     * holds further requests back (the connection resumes it once the output drains).
     */
    default boolean outputBacklogged() {
        return false;
    }

    /**
     * Whether a blocking command parked the client; while true the decoder holds further requests
     * back, as Redis does not process a blocked client's input (the connection resumes it).
     */
    default boolean clientBlocked() {
        return false;
    }
}
