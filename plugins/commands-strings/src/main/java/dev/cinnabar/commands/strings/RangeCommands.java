package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code APPEND}, {@code STRLEN}, {@code GETRANGE}/{@code SUBSTR}, {@code SETRANGE}. */
final class RangeCommands {

    private static final byte[] EMPTY = new byte[0];

    private RangeCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("append", RangeCommands::append);
        r.redisCommand("strlen", (ctx, args, reply) -> {
            StringValue v = ctx.db().getString(args.get(1));
            reply.integer(v == null ? 0 : v.length());
        });
        r.redisCommand("getrange", RangeCommands::getrange);
        r.redisCommand("substr", RangeCommands::getrange);
        r.redisCommand("setrange", RangeCommands::setrange);
    }

    /**
     * Redis's {@code checkStringLength}: the resulting length may not exceed
     * {@code proto-max-bulk-len} (nor overflow). A Java array also stops a little below 2 GB.
     */
    static int checkedLength(CommandContext ctx, long size, long append) {
        long total = size + append;
        long max = ctx.config().getLong("proto-max-bulk-len");
        if (total > max || total < size || total < append || total > Integer.MAX_VALUE - 8) {
            throw new CommandException(StringErrors.STRING_TOO_LONG);
        }
        return (int) total;
    }

    private static void append(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] key = args.get(1);
        byte[] extra = args.get(2);
        Database db = ctx.db();
        StringValue v = db.lookupWrite(key, StringValue.class);
        if (v == null) {
            db.set(key, StringValue.of(extra));
            db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "append", key);
            reply.integer(extra.length);
            return;
        }
        checkedLength(ctx, v.length(), extra.length);
        v.append(extra); // in place: raw encoding from now on, as Redis's dbUnshareStringValue
        db.modified(key);
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "append", key);
        reply.integer(v.length());
    }

    private static void getrange(CommandContext ctx, Arguments args, ReplySink reply) {
        long start = args.longValue(2);
        long end = args.longValue(3);
        StringValue v = ctx.db().getString(args.get(1));
        if (v == null) {
            reply.bulk(EMPTY);
            return;
        }
        long len = v.length();
        if (start < 0 && end < 0 && start > end) {
            reply.bulk(EMPTY);
            return;
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (Long.compareUnsigned(end, len) >= 0) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            reply.bulk(EMPTY);
        } else {
            reply.bulk(v.array(), (int) start, (int) (end - start + 1));
        }
    }

    private static void setrange(CommandContext ctx, Arguments args, ReplySink reply) {
        long offset = args.longValue(2);
        if (offset < 0) {
            throw new CommandException(StringErrors.OFFSET_OUT_OF_RANGE);
        }
        byte[] key = args.get(1);
        byte[] value = args.get(3);
        Database db = ctx.db();
        StringValue v = db.lookupWrite(key, StringValue.class);
        if (v == null) {
            if (value.length == 0) {
                reply.integer(0);
                return;
            }
            int total = checkedLength(ctx, offset, value.length);
            byte[] bytes = new byte[total];
            System.arraycopy(value, 0, bytes, (int) offset, value.length);
            db.set(key, StringValue.raw(bytes));
            db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "setrange", key);
            reply.integer(total);
            return;
        }
        if (value.length == 0) {
            reply.integer(v.length());
            return;
        }
        int total = checkedLength(ctx, offset, value.length);
        byte[] bytes = v.growTo(total);
        System.arraycopy(value, 0, bytes, (int) offset, value.length);
        db.modified(key);
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "setrange", key);
        reply.integer(v.length());
    }
}
