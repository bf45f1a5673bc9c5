package dev.cinnabar.kernel.pubsub;

import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.net.Client;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Redis's RESP2 subscribed context: a RESP2 connection with any subscription may only send
 * (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET, because a RESP2 client cannot tell a
 * reply from a published message. RESP3 marks messages as pushes, so it has no such rule.
 */
public final class SubscribedContext {

    private static final Set<String> ALLOWED = Set.of(
            "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe",
            "quit", "reset");
    private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private SubscribedContext() {
    }

    /**
     * The rejection for {@code cmd} from {@code client} (checked by the dispatcher after
     * authentication, where Redis's {@code processCommand} checks it), or null when it may run.
     */
    public static String rejection(Client client, RegisteredCommand cmd) {
        if (!restricted(client) || ALLOWED.contains(cmd.fullName())) {
            return null;
        }
        return PubSubErrors.onlyPubSubAllowed(cmd.fullName());
    }

    /** Whether {@code client} is a RESP2 connection in subscribed mode. */
    public static boolean restricted(Client client) {
        return client.protocol() == 2 && client.subscribed();
    }

    /** PING's subscribed-context reply, {@code *2 pong <payload or "">}, so it reads like a message. */
    public static void pong(ReplySink reply, byte[] payload) {
        reply.array(2);
        reply.bulk(PONG);
        reply.bulk(payload == null ? EMPTY : payload);
    }
}
