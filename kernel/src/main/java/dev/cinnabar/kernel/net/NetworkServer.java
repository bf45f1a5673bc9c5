package dev.cinnabar.kernel.net;

import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.config.ConfigEntry;
import dev.cinnabar.kernel.resp.RespDecoder;
import dev.cinnabar.kernel.resp.RespWriter;
import dev.cinnabar.kernel.resp.RequestLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listening sockets and the one event loop that does all I/O and executes every command
 * (see {@link dev.cinnabar.kernel.exec.Dispatcher} for why one loop). Native epoll where it loads,
 * NIO otherwise.
 */
public final class NetworkServer {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkServer.class);

    private final Server server;
    private final EventLoopGroup loop;
    private final boolean epoll;
    private final List<Channel> listeners = new ArrayList<>();
    private final AtomicLong nextClientId = new AtomicLong(1);
    // read for every request: resolved once
    private final ConfigEntry maxBulkLength;
    private final ConfigEntry queryBufferLimit;

    public NetworkServer(Server server) {
        this.server = server;
        this.maxBulkLength = server.config().entry("proto-max-bulk-len");
        this.queryBufferLimit = server.config().entry("client-query-buffer-limit");
        this.epoll = Epoll.isAvailable() && !Boolean.getBoolean("cinnabar.nio");
        // the executor runs scripts: a deep stack lets them recurse as deep as Redis's Lua allows
        DefaultThreadFactory threads = new DefaultThreadFactory("cinnabar-main", false, Thread.MAX_PRIORITY) {
            @Override
            protected Thread newThread(Runnable r, String name) {
                return new io.netty.util.concurrent.FastThreadLocalThread(threadGroup, r, name,
                        dev.cinnabar.api.script.ScriptEngine.EXECUTOR_STACK_BYTES);
            }
        };
        this.loop = epoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        LOG.info("Network transport: {}", epoll ? "epoll" : "NIO");
    }

    private BusyIo busyIo;
    private boolean busyIoTried;

    /** Serves clients while a script holds the executor; null when the transport does not allow it. */
    public BusyIo busyIo() {
        if (!busyIoTried) {
            busyIoTried = true;
            busyIo = BusyIo.of(loop.next());
        }
        return busyIo;
    }

    /** The executor: the single event loop. */
    public EventLoopGroup loop() {
        return loop;
    }

    public String multiplexingApi() {
        return epoll ? "epoll" : "nio";
    }

    /**
     * Once when a script turns busy: {@link BusyIo#catchUp} over the listening sockets and every
     * client's but the script's caller (left unread until the script ends).
     */
    public void catchUpWhileBusy(Channel caller) {
        BusyIo io = busyIo();
        if (io == null) {
            return;
        }
        List<Channel> channels = new ArrayList<>(listeners);
        for (dev.cinnabar.kernel.net.Client c : server.clients().all()) {
            Channel ch = c.channel();
            if (ch != null && ch != caller) {
                channels.add(ch);
            }
        }
        io.catchUp(channels);
    }

    /** Binds every address; throws when none can be bound. */
    public void bind(List<String> addresses, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(loop)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, (int) Math.max(1, server.config().getLong("tcp-backlog")))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, server.config().getLong("tcp-keepalive") > 0)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        Exception last = null;
        for (String address : addresses) {
            String host = address.startsWith("-") ? address.substring(1) : address;
            boolean optional = address.startsWith("-");
            InetSocketAddress sa = host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            try {
                listeners.add(b.bind(sa).sync().channel());
            } catch (Exception e) {
                if (!optional) {
                    last = e;
                    LOG.warn("Could not create server TCP listening socket {}:{}: {}", host, port, e.getMessage());
                }
            }
        }
        if (listeners.isEmpty()) {
            throw new IllegalStateException("Failed listening on port " + port + " (tcp), aborting.", last);
        }
    }

    /** The port actually bound (useful with port 0). */
    public int boundPort() {
        return ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
    }

    private void accept(SocketChannel ch) {
        var stats = server.stats();
        stats.totalConnectionsReceived++;
        if (server.clients().size() >= server.config().getLong("maxclients")) {
            stats.rejectedConnections++;
            ch.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer("-ERR max number of clients reached\r\n",
                    java.nio.charset.StandardCharsets.US_ASCII)).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            return;
        }
        RespWriter writer = new RespWriter(stats::countError);
        Client client = new Client(nextClientId.getAndIncrement(), ch, writer, !server.requiresAuth());
        RequestLimits limits = new RequestLimits() {
            @Override
            public long maxBulkLength() {
                return maxBulkLength.number();
            }

            @Override
            public long queryBufferLimit() {
                return queryBufferLimit.number();
            }

            @Override
            public boolean unauthenticated() {
                return !client.authenticated();
            }

            @Override
            public boolean outputBacklogged() {
                return !ch.isWritable();
            }

            @Override
            public boolean clientBlocked() {
                return client.blocked();
            }
        };
        ch.pipeline().addLast(new InputCounter(stats, client), new RespDecoder(limits), new ClientConnection(server, client));
    }

    public void close() {
        for (Channel c : listeners) {
            c.close().awaitUninterruptibly();
        }
        loop.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
