package dev.cinnabar.kernel.pubsub;

import dev.cinnabar.api.keyspace.KeyspaceEvents;
import dev.cinnabar.kernel.keyspace.Keyspace;

import java.nio.charset.StandardCharsets;

/**
 * Publishes keyspace notifications through pub/sub, as Redis's {@code notifyKeyspaceEvent}:
 * {@code __keyspace@<db>__:<key>} with the event, then {@code __keyevent@<db>__:<event>} with
 * the key. The keyspace tests the enabled classes before calling, so a disabled class costs one
 * int test.
 */
public final class KeyspaceNotifier implements Keyspace.EventPublisher {

    private static final byte[] KEYSPACE_PREFIX = ascii("__keyspace@");
    private static final byte[] KEYEVENT_PREFIX = ascii("__keyevent@");
    private static final byte[] SUFFIX = ascii("__:");

    private final PubSub pubSub;

    public KeyspaceNotifier(PubSub pubSub) {
        this.pubSub = pubSub;
    }

    @Override
    public void publish(int flags, String event, int db, byte[] key) {
        byte[] eventBytes = ascii(event);
        if ((flags & KeyspaceEvents.KEYSPACE) != 0) {
            pubSub.publish(ChannelType.PLAIN, channel(KEYSPACE_PREFIX, db, key), eventBytes);
        }
        if ((flags & KeyspaceEvents.KEYEVENT) != 0) {
            pubSub.publish(ChannelType.PLAIN, channel(KEYEVENT_PREFIX, db, eventBytes), key);
        }
    }

    private static byte[] channel(byte[] prefix, int db, byte[] name) {
        byte[] id = ascii(Integer.toString(db));
        byte[] c = new byte[prefix.length + id.length + SUFFIX.length + name.length];
        System.arraycopy(prefix, 0, c, 0, prefix.length);
        System.arraycopy(id, 0, c, prefix.length, id.length);
        System.arraycopy(SUFFIX, 0, c, prefix.length + id.length, SUFFIX.length);
        System.arraycopy(name, 0, c, prefix.length + id.length + SUFFIX.length, name.length);
        return c;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
