package dev.cinnabar.kernel.pubsub;

import java.util.Arrays;

/** A channel name or pattern as a hash key: binary-safe bytes, compared by content. */
record ChannelName(byte[] bytes, int hash) {

    static ChannelName of(byte[] bytes) {
        return new ChannelName(bytes, Arrays.hashCode(bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelName n && n.hash == hash && Arrays.equals(n.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
