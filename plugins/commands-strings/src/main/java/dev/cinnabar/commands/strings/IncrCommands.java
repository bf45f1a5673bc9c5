package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.LongDouble;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

import java.nio.charset.StandardCharsets;

/**
 * {@code INCR}, {@code DECR}, {@code INCRBY}, {@code DECRBY}, {@code INCRBYFLOAT}. Like Redis's
 * {@code dbOverwrite}, they keep the key's time to live.
 */
final class IncrCommands {

    private IncrCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("incr", (ctx, args, reply) -> incrBy(ctx, args, reply, 1));
        r.redisCommand("decr", (ctx, args, reply) -> incrBy(ctx, args, reply, -1));
        r.redisCommand("incrby", (ctx, args, reply) -> incrBy(ctx, args, reply, args.longValue(2)));
        r.redisCommand("decrby", (ctx, args, reply) -> {
            long decr = args.longValue(2);
            if (decr == Long.MIN_VALUE) {
                // its negation does not exist
                throw new CommandException(StringErrors.DECREMENT_OVERFLOW);
            }
            incrBy(ctx, args, reply, -decr);
        });
        r.redisCommand("incrbyfloat", IncrCommands::incrByFloat);
    }

    private static void incrBy(CommandContext ctx, Arguments args, ReplySink reply, long incr) {
        byte[] key = args.get(1);
        Database db = ctx.db();
        StringValue current = db.lookupWrite(key, StringValue.class);
        long value = 0;
        if (current != null) {
            try {
                value = Numbers.parseLong(current.array(), 0, current.length());
            } catch (NumberFormatException e) {
                throw CommandException.notInteger();
            }
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
                || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            throw new CommandException(Errors.OVERFLOW);
        }
        long result = value + incr;
        db.setKeepTtl(key, StringValue.ofLong(result));
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "incrby", key);
        reply.integer(result);
    }

    private static void incrByFloat(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] key = args.get(1);
        Database db = ctx.db();
        StringValue current = db.lookupWrite(key, StringValue.class);
        LongDouble value = LongDouble.of(0L);
        if (current != null) {
            value = current.isIntEncoded()
                    ? LongDouble.of(Numbers.parseLong(current.array(), 0, current.length()))
                    : LongDouble.parse(current.array(), 0, current.length());
        }
        LongDouble incr = LongDouble.parse(args.get(2));
        if (value == null || incr == null) {
            throw new CommandException(Errors.NOT_FLOAT);
        }
        LongDouble sum = value.add(incr);
        if (sum.isInfinite()) {
            throw new CommandException(Errors.NAN_OR_INFINITY);
        }
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        db.setKeepTtl(key, StringValue.created(text));
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "incrbyfloat", key);
        reply.bulk(text);
    }
}
