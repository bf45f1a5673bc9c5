package dev.cinnabar.kernel.net;

import io.netty.channel.EventLoop;

/**
 * Serves the network while a script holds the executor (Redis's {@code processEventsWhileBlocked}):
 * the script's poll calls {@link #pump()} on the executor thread, which takes the sockets that are
 * ready now, without waiting, and runs them through their pipelines as the event loop itself would.
 * Netty keeps this step private, so each transport's pump reaches it by reflection
 * ({@link EpollBusyIo}, {@link NioBusyIo}); if Netty changed, {@link #of} answers null and other
 * clients wait for the script, as with Redis before 2.6.
 */
public abstract class BusyIo {

    /** The pump for {@code loop}'s transport, or null when it cannot be had. */
    static BusyIo of(EventLoop loop) {
        BusyIo io = EpollBusyIo.of(loop);
        return io != null ? io : NioBusyIo.of(loop);
    }

    /** Reads whatever sockets are ready now and runs their pipelines; never waits. Executor only. */
    public abstract void pump();

    /**
     * Called once when a script turns busy, before the first {@link #pump()}: serves what the loop had
     * already taken from the OS before the script started and will not be told of again (epoll is
     * edge-triggered here: a client whose request came in the same batch as the script's would wait
     * for the script's end). Executor only.
     */
    public void catchUp(Iterable<io.netty.channel.Channel> channels) {
    }
}
