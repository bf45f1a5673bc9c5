package dev.cinnabar.api.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the commands of an AOF rewrite as Redis does for collections: {@code NAME key} followed
 * by items, a new command every {@link RdbValueCodec#REWRITE_ITEMS_PER_COMMAND} items (an item
 * is one or more arguments: a member, or a score and a member).
 *
 * @since 1.4.0
 */
public final class RewriteCommands {

    private final byte[] name;
    private final byte[] key;
    private final Consumer<byte[][]> out;
    private final List<byte[]> args = new ArrayList<>();
    private int items;

    public RewriteCommands(String name, byte[] key, Consumer<byte[][]> out) {
        this.name = name.getBytes(StandardCharsets.US_ASCII);
        this.key = key;
        this.out = out;
    }

    /** Adds one item of {@code parts} arguments. */
    public RewriteCommands item(byte[]... parts) {
        if (items == 0) {
            args.add(name);
            args.add(key);
        }
        for (byte[] p : parts) {
            args.add(p);
        }
        if (++items == RdbValueCodec.REWRITE_ITEMS_PER_COMMAND) {
            flush();
        }
        return this;
    }

    /** Emits the last, partial command. */
    public void finish() {
        if (items > 0) {
            flush();
        }
    }

    private void flush() {
        out.accept(args.toArray(new byte[0][]));
        args.clear();
        items = 0;
    }
}
