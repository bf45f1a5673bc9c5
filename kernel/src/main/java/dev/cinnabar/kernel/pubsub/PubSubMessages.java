package dev.cinnabar.kernel.pubsub;

import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;

/**
 * The frames pub/sub sends, as Redis's {@code addReplyPubsub*}: a three- or four-element push,
 * which RESP2 writes as a plain array ({@code *3}) and RESP3 as a push ({@code >3}).
 */
final class PubSubMessages {

    private static final byte[] PSUBSCRIBE = ascii("psubscribe");
    private static final byte[] PUNSUBSCRIBE = ascii("punsubscribe");
    private static final byte[] PMESSAGE = ascii("pmessage");

    private PubSubMessages() {
    }

    /** {@code subscribe|ssubscribe <channel> <count>}. */
    static void subscribed(ReplySink out, ChannelType type, byte[] channel, int count) {
        confirmation(out, type.subscribeWord, channel, count);
    }

    /** {@code unsubscribe|sunsubscribe <channel> <count>}; a null channel (nothing to drop) is a null bulk. */
    static void unsubscribed(ReplySink out, ChannelType type, byte[] channel, int count) {
        confirmation(out, type.unsubscribeWord, channel, count);
    }

    static void psubscribed(ReplySink out, byte[] pattern, int count) {
        confirmation(out, PSUBSCRIBE, pattern, count);
    }

    static void punsubscribed(ReplySink out, byte[] pattern, int count) {
        confirmation(out, PUNSUBSCRIBE, pattern, count);
    }

    /** {@code message|smessage <channel> <payload>}. */
    static void message(ReplySink out, ChannelType type, byte[] channel, byte[] payload) {
        out.push(3);
        out.bulk(type.messageWord);
        out.bulk(channel);
        out.bulk(payload);
    }

    /** {@code pmessage <pattern> <channel> <payload>}. */
    static void patternMessage(ReplySink out, byte[] pattern, byte[] channel, byte[] payload) {
        out.push(4);
        out.bulk(PMESSAGE);
        out.bulk(pattern);
        out.bulk(channel);
        out.bulk(payload);
    }

    private static void confirmation(ReplySink out, byte[] word, byte[] name, int count) {
        out.push(3);
        out.bulk(word);
        if (name == null) {
            out.nullBulk();
        } else {
            out.bulk(name);
        }
        out.integer(count);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
