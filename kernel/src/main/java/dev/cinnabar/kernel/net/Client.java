package dev.cinnabar.kernel.net;

import dev.cinnabar.api.command.ClientInfo;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.exec.MultiState;
import dev.cinnabar.kernel.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * One client connection's state ({@code client} in Redis's {@code server.h}). Touched only on the
 * executor (the event loop), like everything else that is not I/O.
 *
 * <p>Replies to requests are appended to the batch buffer the connection opened for the current
 * read ({@link #beginBatch}); anything sent outside a read (MONITOR feeds, pub/sub messages,
 * replies to unblocked clients) goes through {@link #deliver}, which appends to the open batch or
 * writes and flushes a buffer of its own.
 */
public final class Client implements ClientInfo {

    /** CLIENT REPLY modes. */
    public enum ReplyMode { ON, OFF, SKIP, SKIP_NEXT }

    private final long id;
    private final Channel channel;
    private final RespWriter writer;
    private final long createdMillis = System.currentTimeMillis();
    private ByteBuf batch;
    private ByteBuf discard;

    private String name = "";
    private int db;
    private boolean authenticated;
    private String user = "default";
    private long lastInteractionMillis = createdMillis;
    private RegisteredCommand lastCommand;
    private boolean monitor;
    private boolean closeAfterReply;
    private boolean closed;
    private ReplyMode replyMode = ReplyMode.ON;
    private boolean noEvict;
    private String libName = "";
    private String libVersion = "";
    private long queryBufferBytes;
    private java.util.BitSet redacted;
    private boolean blocked;
    private Runnable resumeInput = () -> { };
    private dev.cinnabar.kernel.pubsub.ClientSubscriptions subscriptions;
    private final MultiState transaction = new MultiState();
    private ReplySink sinkOverride;

    public Client(long id, Channel channel, RespWriter writer, boolean authenticated) {
        this.id = id;
        this.channel = channel;
        this.writer = writer;
        this.authenticated = authenticated;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    public void name(String n) {
        name = n;
    }

    @Override
    public int protocol() {
        return writer.protocol();
    }

    public void protocol(int p) {
        writer.protocol(p);
    }

    @Override
    public int database() {
        return db;
    }

    public void database(int index) {
        db = index;
    }

    public Channel channel() {
        return channel;
    }

    public RespWriter writer() {
        return writer;
    }

    /** The sink for the reply to the command now running (honours CLIENT REPLY OFF/SKIP). */
    public ReplySink replySink() {
        return sinkOverride != null ? sinkOverride : writer;
    }

    /**
     * The client scripts run their commands as (Redis's {@code lua} client): no connection, never
     * listed; each command's reply goes to the sink the script host sets.
     */
    public static Client scriptClient(long id) {
        return new Client(id, null, new RespWriter(text -> { }), true);
    }

    /** Only for the script client: where the next command's reply goes. */
    public void replyTo(ReplySink sink) {
        sinkOverride = sink;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean a) {
        authenticated = a;
    }

    public String user() {
        return user;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    public void touch(long now) {
        lastInteractionMillis = now;
    }

    public RegisteredCommand lastCommand() {
        return lastCommand;
    }

    public void lastCommand(RegisteredCommand c) {
        lastCommand = c;
    }

    public boolean monitor() {
        return monitor;
    }

    public void monitor(boolean m) {
        monitor = m;
    }

    public boolean closeAfterReply() {
        return closeAfterReply;
    }

    public void closeAfterReply(boolean c) {
        closeAfterReply = c;
    }

    public boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    /**
     * Changes the CLIENT REPLY mode. Turning replies back on takes effect for the reply of the
     * command now running, as in Redis, where the flag is checked when the reply is added.
     */
    public void replyMode(ReplyMode m) {
        replyMode = m;
        if (m == ReplyMode.ON && batch != null) {
            writer.target(batch);
        }
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean n) {
        noEvict = n;
    }

    public String libName() {
        return libName;
    }

    public void libName(String n) {
        libName = n;
    }

    public String libVersion() {
        return libVersion;
    }

    public void libVersion(String v) {
        libVersion = v;
    }

    public long queryBufferBytes() {
        return queryBufferBytes;
    }

    void queryBufferBytes(long n) {
        queryBufferBytes = n;
    }

    /**
     * Hides argument {@code index} of the running command from MONITOR and SLOWLOG (passwords
     * of AUTH and HELLO), as Redis's {@code redactClientCommandArgument} does.
     */
    public void redact(int index) {
        if (redacted == null) {
            redacted = new java.util.BitSet();
        }
        redacted.set(index);
    }

    /** Forgets the redactions of the previous command; called by the dispatcher before each command. */
    public void clearRedactions() {
        redacted = null;
    }

    /** {@code argv} as MONITOR and SLOWLOG show it: redacted arguments replaced by {@code (redacted)}. */
    public byte[][] shownArgv(byte[][] argv) {
        if (redacted == null) {
            return argv;
        }
        byte[][] shown = argv.clone();
        for (int i = redacted.nextSetBit(0); i >= 0 && i < shown.length; i = redacted.nextSetBit(i + 1)) {
            shown[i] = REDACTED;
        }
        return shown;
    }

    private static final byte[] REDACTED = "(redacted)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The reply bytes queued in the channel and not yet written to the socket ({@code omem}). */
    public long pendingOutputBytes() {
        if (channel == null) {
            return 0;
        }
        var out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /** The socket's file descriptor where the transport exposes it (epoll), else -1. */
    public int fd() {
        return channel != null && channel instanceof io.netty.channel.unix.UnixChannel u ? u.fd().intValue() : -1;
    }

    public String address() {
        if (channel == null) {
            return "lua";
        }
        return format(channel.remoteAddress());
    }

    public String localAddress() {
        if (channel == null) {
            return "";
        }
        return format(channel.localAddress());
    }

    private static String format(java.net.SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress();
            return host + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    /** Opens the batch buffer for replies to one read. */
    void beginBatch(ByteBuf buf) {
        batch = buf;
        writer.target(buf);
    }

    /** Closes the batch and returns its buffer (the caller writes and flushes it). */
    ByteBuf endBatch() {
        ByteBuf b = batch;
        batch = null;
        writer.target(null);
        return b;
    }

    boolean inBatch() {
        return batch != null;
    }

    /** Bytes of replies in the open batch (0 when none is open). */
    int batchBytes() {
        return batch == null ? 0 : batch.readableBytes();
    }

    /**
     * Points the writer at the real batch or, under {@code CLIENT REPLY OFF/SKIP}, at a scratch
     * buffer that is thrown away. Called by the dispatcher before each command.
     */
    public void prepareReply() {
        if (replyMode == ReplyMode.ON || batch == null) {
            writer.target(batch);
            return;
        }
        if (discard == null) {
            discard = channel.alloc().heapBuffer(256);
        }
        discard.clear();
        writer.target(discard);
    }

    /** Called by the dispatcher after each command: advances SKIP and restores the batch target. */
    public void finishReply() {
        if (replyMode == ReplyMode.SKIP_NEXT) {
            replyMode = ReplyMode.ON;
        } else if (replyMode == ReplyMode.SKIP) {
            replyMode = ReplyMode.SKIP_NEXT;
        }
        writer.target(batch);
    }

    /** Sends something outside the normal request/reply flow (MONITOR lines, pushes). */
    public void deliver(Consumer<ReplySink> message) {
        if (closed) {
            return;
        }
        if (batch != null) {
            ByteBuf previous = writer.target();
            writer.target(batch);
            message.accept(writer);
            writer.target(previous);
            return;
        }
        ByteBuf buf = channel.alloc().ioBuffer(64);
        writer.target(buf);
        message.accept(writer);
        writer.target(null);
        channel.writeAndFlush(buf);
    }

    /**
     * Like {@link #deliver}, for a message that may turn out to have nothing to say: when
     * {@code message} returns false it must not have written anything, and nothing is sent.
     * Returns what {@code message} returned (false without calling it once the client is closed).
     */
    public boolean deliverIf(java.util.function.Predicate<ReplySink> message) {
        if (closed) {
            return false;
        }
        if (batch != null) {
            ByteBuf previous = writer.target();
            writer.target(batch);
            boolean said = message.test(writer);
            writer.target(previous);
            return said;
        }
        ByteBuf buf = channel.alloc().ioBuffer(64);
        writer.target(buf);
        boolean said = message.test(writer);
        writer.target(null);
        if (said && buf.isReadable()) {
            channel.writeAndFlush(buf);
        } else {
            buf.release();
        }
        return said;
    }

    /** This client's pub/sub subscriptions, created on first use (most clients never subscribe). */
    public dev.cinnabar.kernel.pubsub.ClientSubscriptions subscriptions() {
        if (subscriptions == null) {
            subscriptions = new dev.cinnabar.kernel.pubsub.ClientSubscriptions();
        }
        return subscriptions;
    }

    /** Whether the client has any subscription (Redis's {@code CLIENT_PUBSUB} flag; CLIENT LIST flag {@code P}). */
    public boolean subscribed() {
        return subscriptions != null && subscriptions.any();
    }

    /** MULTI state and watched keys. */
    public MultiState transaction() {
        return transaction;
    }

    /** Whether a blocking command parked this client (CLIENT LIST flag {@code b}). */
    public boolean blocked() {
        return blocked;
    }

    /**
     * Marks the client blocked or not. While blocked, the decoder holds its further requests back,
     * as Redis leaves a blocked client's query buffer unprocessed; unblocking resumes them.
     */
    public void blocked(boolean b) {
        boolean was = blocked;
        blocked = b;
        if (was && !b) {
            resumeInput.run();
        }
    }

    /** What runs the requests held back while the client was blocked (set by its connection). */
    void resumeInput(Runnable r) {
        resumeInput = r;
    }

    /** Closes the connection now (CLIENT KILL, protocol errors after the reply went out). */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (batch != null) {
            closeAfterReply = true;
        } else {
            channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Closes the connection now, dropping the replies of this read that were not written yet, as
     * Redis's {@code freeClientAsync} does (the cross-protocol guard).
     */
    public void abort() {
        if (batch != null) {
            batch.clear();
        }
        close();
    }

    void releaseScratch() {
        if (discard != null) {
            discard.release();
            discard = null;
        }
    }
}
