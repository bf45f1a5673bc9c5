package dev.cinnabar.kernel.net;

import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * {@link BusyIo} for the NIO transport. The loop is in the middle of its own pass over the selected
 * keys (the script runs inside one of them), so the pump sets the loop's keys aside, selects on the
 * JDK selector into Netty's emptied optimized key set, runs those keys through the loop's private
 * {@code processSelectedKey}, and puts the loop's keys back (a key in both is handled twice, which
 * finds nothing to read the second time). Without the optimized key set (a plain {@code HashSet} the loop is iterating) there is
 * no safe way in, and {@link #of} answers null.
 */
final class NioBusyIo extends BusyIo {

    private static final Logger LOG = LoggerFactory.getLogger(NioBusyIo.class);

    private final Selector selector;
    private final Object keySet;
    private final VarHandle keys;
    private final VarHandle size;
    private final MethodHandle processSelectedKey;
    private final Class<?> nioChannel;

    private NioBusyIo(Selector selector, Object keySet, VarHandle keys, VarHandle size, MethodHandle processSelectedKey,
                      Class<?> nioChannel) {
        this.selector = selector;
        this.keySet = keySet;
        this.keys = keys;
        this.size = size;
        this.processSelectedKey = processSelectedKey;
        this.nioChannel = nioChannel;
    }

    static BusyIo of(EventLoop loop) {
        if (!loop.getClass().getName().equals("io.netty.channel.nio.NioEventLoop")) {
            return null;
        }
        try {
            Class<?> loopClass = loop.getClass();
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(loopClass, MethodHandles.lookup());
            Object keySet = l.findVarHandle(loopClass, "selectedKeys",
                    Class.forName("io.netty.channel.nio.SelectedSelectionKeySet", false, loopClass.getClassLoader())).get(loop);
            if (keySet == null) {
                LOG.warn("Clients cannot be served while a script is busy: the NIO loop has no optimized key set");
                return null;
            }
            Selector unwrapped = (Selector) l.findVarHandle(loopClass, "unwrappedSelector", Selector.class).get(loop);
            MethodHandles.Lookup kl = MethodHandles.privateLookupIn(keySet.getClass(), MethodHandles.lookup());
            VarHandle keys = kl.findVarHandle(keySet.getClass(), "keys", SelectionKey[].class);
            VarHandle size = kl.findVarHandle(keySet.getClass(), "size", int.class);
            Class<?> nioChannel = Class.forName("io.netty.channel.nio.AbstractNioChannel", false, loopClass.getClassLoader());
            java.lang.reflect.Method m = loopClass.getDeclaredMethod("processSelectedKey", SelectionKey.class, nioChannel);
            MethodHandle process = l.unreflect(m).bindTo(loop);
            return new NioBusyIo(unwrapped, keySet, keys, size, process, nioChannel);
        } catch (Throwable e) {
            LOG.warn("Clients cannot be served while a script is busy: {}", e.toString());
            return null;
        }
    }

    @Override
    public void pump() {
        // The loop has nulled the keys it already handled, and the key set's contains() would trip
        // over them: select into an empty set, then put the loop's keys back where they were.
        int pending = (int) size.get(keySet);
        SelectionKey[] saved = java.util.Arrays.copyOf((SelectionKey[]) keys.get(keySet), pending);
        size.set(keySet, 0);
        try {
            if (selector.selectNow() == 0) {
                return;
            }
            SelectionKey[] ks = (SelectionKey[]) keys.get(keySet);
            for (int i = 0, n = (int) size.get(keySet); i < n; i++) {
                SelectionKey k = ks[i];
                ks[i] = null;
                Object channel = k == null ? null : k.attachment();
                if (nioChannel.isInstance(channel)) {
                    processSelectedKey.invoke(k, channel);
                }
            }
        } catch (Throwable e) {
            LOG.warn("Serving clients during a busy script failed: {}", e.toString());
        } finally {
            // the array may have grown meanwhile, never shrunk
            SelectionKey[] ks = (SelectionKey[]) keys.get(keySet);
            java.util.Arrays.fill(ks, 0, Math.max(pending, (int) size.get(keySet)), null);
            System.arraycopy(saved, 0, ks, 0, pending);
            size.set(keySet, pending);
        }
    }
}
