package dev.cinnabar.kernel.net;

import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * {@link BusyIo} for the epoll transport: asks epoll for ready sockets without waiting (on an event
 * array of its own: the loop may be in the middle of its own) and runs them through the loop's
 * private {@code processReady} (Netty 4.1's {@code EpollEventLoop}, 4.2's {@code EpollIoHandler}).
 */
final class EpollBusyIo extends BusyIo {

    private static final Logger LOG = LoggerFactory.getLogger(EpollBusyIo.class);

    private final MethodHandle epollWait;
    private final MethodHandle processReady;
    /** {@code AbstractEpollUnsafe.epollInReady()}: reads (or accepts) until the socket has nothing more */
    private final MethodHandle epollInReady;
    private final Object epollFd;
    private final Object events;

    private EpollBusyIo(MethodHandle epollWait, MethodHandle processReady, MethodHandle epollInReady, Object epollFd, Object events) {
        this.epollWait = epollWait;
        this.processReady = processReady;
        this.epollInReady = epollInReady;
        this.epollFd = epollFd;
        this.events = events;
    }

    /** The pump for {@code loop}'s epoll, or null when it is no epoll loop or cannot be reached. */
    static BusyIo of(EventLoop loop) {
        try {
            // Netty 4.1: the epoll loop itself; 4.2: its EpollIoHandler
            Object handler = loop;
            if (loop.getClass().getName().startsWith("io.netty.channel.nio.")) {
                return null;
            }
            if (!loop.getClass().getName().equals("io.netty.channel.epoll.EpollEventLoop")) {
                Field ioHandlerField = findField(loop.getClass(), "ioHandler");
                ioHandlerField.setAccessible(true);
                handler = ioHandlerField.get(loop);
                if (!handler.getClass().getName().equals("io.netty.channel.epoll.EpollIoHandler")) {
                    return null;
                }
            }
            Class<?> handlerClass = handler.getClass();
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(handlerClass, MethodHandles.lookup());
            Class<?> arrayClass = Class.forName("io.netty.channel.epoll.EpollEventArray", true, handlerClass.getClassLoader());
            Class<?> fdClass = Class.forName("io.netty.channel.unix.FileDescriptor", true, handlerClass.getClassLoader());
            Class<?> nativeClass = Class.forName("io.netty.channel.epoll.Native", true, handlerClass.getClassLoader());
            Object epollFd = l.findVarHandle(handlerClass, "epollFd", fdClass).get(handler);
            java.lang.reflect.Method ready = handlerClass.getDeclaredMethod("processReady", arrayClass, int.class);
            MethodHandle processReady = l.unreflect(ready).bindTo(handler);
            MethodHandles.Lookup nl = MethodHandles.privateLookupIn(nativeClass, MethodHandles.lookup());
            MethodHandle epollWait = nl.findStatic(nativeClass, "epollWait", MethodType.methodType(int.class, fdClass, arrayClass, int.class));
            // its own event array: the loop may be in the middle of its own when the script started
            MethodHandles.Lookup al = MethodHandles.privateLookupIn(arrayClass, MethodHandles.lookup());
            Object events = al.findConstructor(arrayClass, MethodType.methodType(void.class, int.class)).invoke(64);
            Class<?> unsafeClass = Class.forName("io.netty.channel.epoll.AbstractEpollChannel$AbstractEpollUnsafe", true,
                    handlerClass.getClassLoader());
            MethodHandle epollInReady = MethodHandles.privateLookupIn(unsafeClass, MethodHandles.lookup())
                    .findVirtual(unsafeClass, "epollInReady", MethodType.methodType(void.class));
            return new EpollBusyIo(epollWait, processReady, epollInReady, epollFd, events);
        } catch (Throwable e) {
            LOG.warn("Clients cannot be served while a script is busy: {}", e.toString());
            return null;
        }
    }

    private static Field findField(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException ignored) {
                // look further up
            }
        }
        throw new NoSuchFieldException(name);
    }

    @Override
    public void catchUp(Iterable<io.netty.channel.Channel> channels) {
        for (io.netty.channel.Channel ch : channels) {
            if (!ch.isActive() || !ch.isRegistered()) {
                continue;
            }
            try {
                epollInReady.invoke(ch.unsafe());
            } catch (Throwable e) {
                LOG.warn("Serving clients during a busy script failed: {}", e.toString());
            }
        }
    }

    @Override
    public void pump() {
        try {
            int ready = (int) epollWait.invoke(epollFd, events, 0);
            if (ready > 0) {
                Object ignored = processReady.invoke(events, ready);
            }
        } catch (Throwable e) {
            LOG.warn("Serving clients during a busy script failed: {}", e.toString());
        }
    }
}
