package dev.cinnabar.kernel.pubsub;

import java.nio.charset.StandardCharsets;

/**
 * The two kinds of channel, as Redis's {@code pubsubtype}: plain channels (which patterns also
 * see) and shard channels (SSUBSCRIBE/SPUBLISH; in a non-cluster server they behave like plain
 * channels but are registered, counted and named in messages separately).
 */
enum ChannelType {
    PLAIN("subscribe", "unsubscribe", "message"),
    SHARD("ssubscribe", "sunsubscribe", "smessage");

    final byte[] subscribeWord;
    final byte[] unsubscribeWord;
    final byte[] messageWord;

    ChannelType(String subscribe, String unsubscribe, String message) {
        this.subscribeWord = subscribe.getBytes(StandardCharsets.US_ASCII);
        this.unsubscribeWord = unsubscribe.getBytes(StandardCharsets.US_ASCII);
        this.messageWord = message.getBytes(StandardCharsets.US_ASCII);
    }
}
