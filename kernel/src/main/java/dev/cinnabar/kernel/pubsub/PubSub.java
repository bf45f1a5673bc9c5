package dev.cinnabar.kernel.pubsub;

import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.net.Client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server-wide side of pub/sub ({@code server.pubsub_channels}, {@code pubsub_patterns},
 * {@code pubsubshard_channels} in Redis): for each channel, shard channel and pattern, its
 * subscribers in subscription order. Executor-thread only, like every connection's state.
 *
 * <p>Every change goes through here so that both sides (this registry and each client's
 * {@link ClientSubscriptions}) stay in step; a name with no subscriber left is forgotten, so
 * {@code PUBSUB CHANNELS} and the INFO counts only see live ones. Methods that take a
 * {@code notify} sink write Redis's confirmation frame to it; a null sink drops silently
 * (RESET, disconnect).
 */
public final class PubSub {

    private final Map<ChannelName, Set<Client>> channels = new LinkedHashMap<>();
    private final Map<ChannelName, Set<Client>> shardChannels = new LinkedHashMap<>();
    private final Map<ChannelName, Set<Client>> patterns = new LinkedHashMap<>();

    private Map<ChannelName, Set<Client>> registry(ChannelType type) {
        return type == ChannelType.PLAIN ? channels : shardChannels;
    }

    void subscribe(Client client, ChannelType type, byte[] channel, ReplySink notify) {
        ClientSubscriptions own = client.subscriptions();
        ChannelName name = ChannelName.of(channel);
        if (own.of(type).add(name)) {
            registry(type).computeIfAbsent(name, n -> new LinkedHashSet<>()).add(client);
        }
        PubSubMessages.subscribed(notify, type, channel, own.count(type));
    }

    void unsubscribe(Client client, ChannelType type, byte[] channel, ReplySink notify) {
        ClientSubscriptions own = client.subscriptions();
        ChannelName name = ChannelName.of(channel);
        if (own.of(type).remove(name)) {
            forget(registry(type), name, client);
        }
        if (notify != null) {
            PubSubMessages.unsubscribed(notify, type, channel, own.count(type));
        }
    }

    /** Argument-less (S)UNSUBSCRIBE: every channel of {@code type}, or one null frame when there was none. */
    void unsubscribeAll(Client client, ChannelType type, ReplySink notify) {
        ClientSubscriptions own = client.subscriptions();
        List<ChannelName> all = new ArrayList<>(own.of(type));
        for (ChannelName n : all) {
            unsubscribe(client, type, n.bytes(), notify);
        }
        if (all.isEmpty() && notify != null) {
            PubSubMessages.unsubscribed(notify, type, null, own.count(type));
        }
    }

    void psubscribe(Client client, byte[] pattern, ReplySink notify) {
        ClientSubscriptions own = client.subscriptions();
        ChannelName name = ChannelName.of(pattern);
        if (own.patterns.add(name)) {
            patterns.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(client);
        }
        PubSubMessages.psubscribed(notify, pattern, own.count(ChannelType.PLAIN));
    }

    void punsubscribe(Client client, byte[] pattern, ReplySink notify) {
        ClientSubscriptions own = client.subscriptions();
        ChannelName name = ChannelName.of(pattern);
        if (own.patterns.remove(name)) {
            forget(patterns, name, client);
        }
        if (notify != null) {
            PubSubMessages.punsubscribed(notify, pattern, own.count(ChannelType.PLAIN));
        }
    }

    /** Argument-less PUNSUBSCRIBE: every pattern in subscription order, or one null frame. */
    void punsubscribeAll(Client client, ReplySink notify) {
        ClientSubscriptions own = client.subscriptions();
        List<ChannelName> all = new ArrayList<>(own.patterns);
        for (ChannelName n : all) {
            punsubscribe(client, n.bytes(), notify);
        }
        if (all.isEmpty() && notify != null) {
            PubSubMessages.punsubscribed(notify, null, own.count(ChannelType.PLAIN));
        }
    }

    /** Drops every subscription of {@code client} without a word (RESET, disconnect). */
    public void dropAll(Client client) {
        if (!client.subscribed()) {
            return;
        }
        unsubscribeAll(client, ChannelType.PLAIN, null);
        unsubscribeAll(client, ChannelType.SHARD, null);
        punsubscribeAll(client, null);
    }

    /**
     * Delivers {@code payload} and returns the number of receivers: the channel's subscribers,
     * then (plain channels only) the subscribers of each matching pattern, as Redis's
     * {@code pubsubPublishMessage}. A client subscribed to the channel and to a matching pattern
     * gets it once per subscription.
     */
    int publish(ChannelType type, byte[] channel, byte[] payload) {
        int receivers = 0;
        Set<Client> direct = registry(type).get(ChannelName.of(channel));
        if (direct != null) {
            for (Client c : direct) {
                c.deliver(out -> PubSubMessages.message(out, type, channel, payload));
                receivers++;
            }
        }
        if (type == ChannelType.SHARD) {
            return receivers;
        }
        for (Map.Entry<ChannelName, Set<Client>> e : patterns.entrySet()) {
            byte[] pattern = e.getKey().bytes();
            if (!GlobMatcher.matches(pattern, channel)) {
                continue;
            }
            for (Client c : e.getValue()) {
                c.deliver(out -> PubSubMessages.patternMessage(out, pattern, channel, payload));
                receivers++;
            }
        }
        return receivers;
    }

    /** The active channels of {@code type} matching {@code pattern} (all when null), for PUBSUB (SHARD)CHANNELS. */
    List<byte[]> channels(ChannelType type, byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (ChannelName n : registry(type).keySet()) {
            // no match-all shortcut: Redis runs stringmatchlen even for "*", which misses ""
            if (pattern == null || GlobMatcher.matches(pattern, n.bytes())) {
                out.add(n.bytes());
            }
        }
        return out;
    }

    /** Subscribers of one channel of {@code type}, patterns not counted (PUBSUB (SHARD)NUMSUB). */
    int subscriberCount(ChannelType type, byte[] channel) {
        Set<Client> s = registry(type).get(ChannelName.of(channel));
        return s == null ? 0 : s.size();
    }

    /** INFO {@code pubsub_channels}. */
    public int channelCount() {
        return channels.size();
    }

    /** INFO {@code pubsub_patterns} and PUBSUB NUMPAT: distinct patterns, not subscriptions. */
    public int patternCount() {
        return patterns.size();
    }

    /** INFO {@code pubsubshard_channels}. */
    public int shardChannelCount() {
        return shardChannels.size();
    }

    private static void forget(Map<ChannelName, Set<Client>> registry, ChannelName name, Client client) {
        Set<Client> subscribers = registry.get(name);
        if (subscribers != null) {
            subscribers.remove(client);
            if (subscribers.isEmpty()) {
                registry.remove(name);
            }
        }
    }
}
