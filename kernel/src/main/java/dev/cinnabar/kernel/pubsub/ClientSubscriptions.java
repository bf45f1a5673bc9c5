package dev.cinnabar.kernel.pubsub;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One connection's subscriptions ({@code pubsub_channels}, {@code pubsub_patterns},
 * {@code pubsubshard_channels} of Redis's {@code client}), in subscription order. Changed only
 * through {@link PubSub}, which keeps the server-wide side in step.
 */
public final class ClientSubscriptions {

    final Set<ChannelName> channels = new LinkedHashSet<>();
    final Set<ChannelName> patterns = new LinkedHashSet<>();
    final Set<ChannelName> shardChannels = new LinkedHashSet<>();

    Set<ChannelName> of(ChannelType type) {
        return type == ChannelType.PLAIN ? channels : shardChannels;
    }

    /** CLIENT LIST {@code sub=}. */
    public int channelCount() {
        return channels.size();
    }

    /** CLIENT LIST {@code psub=}. */
    public int patternCount() {
        return patterns.size();
    }

    /** CLIENT LIST {@code ssub=}. */
    public int shardChannelCount() {
        return shardChannels.size();
    }

    /**
     * The count a (P)SUBSCRIBE or (P)UNSUBSCRIBE reply carries: channels and patterns together
     * (Redis's {@code clientSubscriptionsCount}); shard replies count shard channels alone.
     */
    int count(ChannelType type) {
        return type == ChannelType.PLAIN ? channels.size() + patterns.size() : shardChannels.size();
    }

    /**
     * Whether any subscription is left: Redis's {@code CLIENT_PUBSUB} flag, which the
     * UNSUBSCRIBE commands clear only when nothing of any kind remains.
     */
    public boolean any() {
        return !channels.isEmpty() || !patterns.isEmpty() || !shardChannels.isEmpty();
    }
}
