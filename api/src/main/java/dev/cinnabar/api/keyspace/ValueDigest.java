package dev.cinnabar.api.keyspace;

/**
 * Receives a value's content for {@code DEBUG DIGEST} and {@code DEBUG DIGEST-VALUE}. Equal
 * logical content must produce an equal digest.
 */
public interface ValueDigest {

    /** Mixes {@code bytes} into the digest, order-sensitively. */
    void mix(byte[] bytes, int offset, int length);

    /** Mixes a whole array. */
    default void mix(byte[] bytes) {
        mix(bytes, 0, bytes.length);
    }

    /**
     * Adds one element of an unordered collection (a set member, or a hash field with its value
     * already combined): the result does not depend on the order in which elements are added.
     */
    void unordered(byte[]... parts);
}
