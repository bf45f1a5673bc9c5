package dev.cinnabar.kernel.net;

import dev.cinnabar.kernel.exec.ServerStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts bytes read for {@code total_net_input_bytes} and each client's {@code qbuf}. */
final class InputCounter extends ChannelInboundHandlerAdapter {

    private final ServerStats stats;
    private final Client client;

    InputCounter(ServerStats stats, Client client) {
        this.stats = stats;
        this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            int n = b.readableBytes();
            stats.totalNetInputBytes += n;
            stats.totalReadsProcessed++;
            client.queryBufferBytes(n);
        }
        ctx.fireChannelRead(msg);
    }
}
