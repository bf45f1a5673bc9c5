/**
 * Pub/Sub: SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UNSUBSCRIBEs, PUBLISH, SPUBLISH, PUBSUB.
 *
 * <h2>Decision: pub/sub lives in the kernel, not in a command-family plugin</h2>
 * Subscriptions are connection state, not data: they end with RESET, QUIT and disconnect, they
 * change which commands a RESP2 connection may send (Redis's subscribed-context rule, checked in
 * {@link dev.cinnabar.kernel.exec.Dispatcher} before the call), what PING answers, how the cron's
 * idle timeout treats the client, and what CLIENT LIST ({@code sub=}, {@code psub=}, {@code ssub=},
 * flag {@code P}, {@code TYPE pubsub}) and INFO show. All of that is kernel territory; the API
 * would have to expose connections and delivery to let a plugin do it. So, as Redis keeps it in
 * {@code pubsub.c} beside the networking code, the kernel owns it.
 *
 * <h2>Shape</h2>
 * {@link dev.cinnabar.kernel.pubsub.PubSub} is the server-wide registry (who listens to what),
 * {@link dev.cinnabar.kernel.pubsub.ClientSubscriptions} one connection's side of it,
 * {@link dev.cinnabar.kernel.pubsub.PubSubMessages} the wire shapes (RESP2 arrays, RESP3 pushes),
 * {@link dev.cinnabar.kernel.pubsub.PubSubCommands} the commands,
 * {@link dev.cinnabar.kernel.pubsub.SubscribedContext} the RESP2 restriction and
 * {@link dev.cinnabar.kernel.pubsub.PubSubErrors} the error texts.
 *
 * <h2>Order</h2>
 * Redis keeps channels and patterns in hash tables seeded at random on each start, so the order
 * of {@code PUBSUB CHANNELS}, of an argument-less UNSUBSCRIBE/SUNSUBSCRIBE and of deliveries to
 * several matching patterns differs from one Redis run to the next. Cinnabar uses subscription
 * order there, one of the orders Redis can produce. Where Redis's order is fixed we follow it:
 * subscribers of one channel in subscription order, channel subscribers before pattern
 * subscribers, a client's patterns in subscription order for PUNSUBSCRIBE (a list in 7.0).
 *
 * <h2>Keyspace notifications</h2>
 * Commands announce their changes with
 * {@link dev.cinnabar.api.keyspace.Database#notifyKeyspaceEvent} (event names and order as in
 * Redis 7.0's {@code t_*.c}, {@code db.c}, {@code expire.c}); the kernel adds {@code expired}
 * (lazy and active expiry), {@code new} (a key appears, Redis's {@code dbAdd}) and
 * {@code keymiss} (a counted read lookup finds nothing). {@code Keyspace} tests the enabled
 * classes ({@code notify-keyspace-events}, {@link dev.cinnabar.kernel.pubsub.KeyspaceEventFlags})
 * first, so a disabled class costs one int test; {@link dev.cinnabar.kernel.pubsub.KeyspaceNotifier}
 * publishes to {@code __keyspace@<db>__:<key>} and then {@code __keyevent@<db>__:<event>}.
 */
package dev.cinnabar.kernel.pubsub;
