package dev.cinnabar.kernel.net;

import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.resp.ProtocolError;
import dev.cinnabar.kernel.resp.RespDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The last handler of a connection: runs decoded requests on the executor (this event loop) and
 * flushes all replies of one read at once, as Redis writes a client's output once per event-loop
 * iteration.
 *
 * <p>Back-pressure: a batch that grows past {@link #FLUSH_THRESHOLD} is written at once instead of
 * at the end of the read; when the peer stops reading and the outbound buffer passes the high
 * water mark ({@link NetworkServer}), the decoder holds the remaining requests
 * ({@code RequestLimits.outputBacklogged}) and reading from the peer stops until the buffer
 * drains; then the held requests run. So a client that pipelines requests for large values and
 * never reads costs a few megabytes, not the sum of its replies.
 */
public final class ClientConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /** Replies of one read beyond this size are written before the read's remaining requests run. */
    static final int FLUSH_THRESHOLD = 1 << 20;

    private final Server server;
    private final Client client;
    private final ClientContext context;

    public ClientConnection(Server server, Client client) {
        this.server = server;
        this.client = client;
        this.context = new ClientContext(server, client);
    }

    public Client client() {
        return client;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        server.clients().add(client);
        // later, not now: a client is unblocked while another client's command runs
        client.resumeInput(() -> ctx.channel().eventLoop().execute(() -> resumeHeldRequests(ctx)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.markClosed();
        client.releaseScratch();
        server.blockedClients().disconnected(client);
        server.pubSub().dropAll(client);
        server.watchedKeys().unwatchAll(client.transaction());
        server.clients().remove(client);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!client.inBatch()) {
            client.beginBatch(ctx.alloc().ioBuffer(256));
        }
        if (client.closeAfterReply()) {
            return; // Redis stops processing input of a client that is closing
        }
        if (msg instanceof byte[][] argv) {
            client.touch(System.currentTimeMillis());
            server.dispatcher().dispatch(client, context, argv);
        } else if (msg instanceof ProtocolError error) {
            if (error.errorText() != null) {
                client.writer().error(error.errorText());
                LOG.debug("Protocol error ({}) from client: {}", error.errorText(), client.address());
            }
            client.closeAfterReply(true);
        }
        if (client.batchBytes() >= FLUSH_THRESHOLD) {
            flush(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
    }

    private void flush(ChannelHandlerContext ctx) {
        if (!client.inBatch()) {
            return;
        }
        server.aof().flush(); // Redis's beforeSleep: the AOF is written (and fsynced under "always") before replies
        ByteBuf out = client.endBatch();
        server.stats().totalNetOutputBytes += out.readableBytes();
        if (out.isReadable()) {
            server.stats().totalWritesProcessed++;
            var f = ctx.writeAndFlush(out);
            if (client.closeAfterReply()) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        } else {
            out.release();
            if (client.closeAfterReply()) {
                ctx.close();
            }
        }
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !client.closeAfterReply()) {
            ctx.channel().config().setAutoRead(true);
            // Later, not now: this event can fire inside a write made while the decoder is running.
            ctx.channel().eventLoop().execute(() -> resumeHeldRequests(ctx));
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Runs the requests the decoder held back while the output was backlogged or the client blocked. */
    private void resumeHeldRequests(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive() || !ctx.channel().isWritable() || client.closeAfterReply() || client.blocked()) {
            return;
        }
        RespDecoder decoder = ctx.pipeline().get(RespDecoder.class);
        ChannelHandlerContext decoderContext = ctx.pipeline().context(RespDecoder.class);
        if (decoder == null || decoderContext == null) {
            return;
        }
        try {
            decoder.channelRead(decoderContext, Unpooled.EMPTY_BUFFER);
        } catch (Exception e) {
            exceptionCaught(ctx, e);
            return;
        }
        flush(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.warn("Closing client {} after an unexpected error", client.address(), cause);
        }
        ctx.close();
    }
}
