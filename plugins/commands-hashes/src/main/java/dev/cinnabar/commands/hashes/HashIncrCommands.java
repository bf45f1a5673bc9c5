package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.LongDouble;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

import java.nio.charset.StandardCharsets;

/**
 * {@code HINCRBY} and {@code HINCRBYFLOAT}. The increment is parsed before the key is looked
 * at, so a bad increment wins over WRONGTYPE, as in Redis.
 */
final class HashIncrCommands {

    private HashIncrCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("hincrby", HashIncrCommands::hincrby);
        r.redisCommand("hincrbyfloat", HashIncrCommands::hincrbyfloat);
    }

    private static void hincrby(CommandContext ctx, Arguments args, ReplySink reply) {
        long incr = args.longValue(3);
        Database db = ctx.db();
        byte[] key = args.get(1);
        HashValue h = db.lookupWrite(key, HashValue.class);
        byte[] field = args.get(2);
        byte[] current = h == null ? null : h.get(field);
        long value = 0;
        if (current != null) {
            try {
                value = Numbers.parseLong(current);
            } catch (NumberFormatException e) {
                throw new CommandException(HashErrors.VALUE_NOT_INTEGER);
            }
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
                || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            throw new CommandException(Errors.OVERFLOW);
        }
        long result = value + incr;
        store(ctx, db, key, h, field, Numbers.toBytes(result));
        db.notifyKeyspaceEvent(KeyspaceEvents.HASH, "hincrby", key);
        reply.integer(result);
    }

    private static void hincrbyfloat(CommandContext ctx, Arguments args, ReplySink reply) {
        LongDouble incr = LongDouble.parse(args.get(3));
        if (incr == null) {
            throw new CommandException(Errors.NOT_FLOAT);
        }
        if (incr.isInfinite()) {
            throw new CommandException(HashErrors.INCREMENT_NAN_OR_INFINITY);
        }
        Database db = ctx.db();
        byte[] key = args.get(1);
        HashValue h = db.lookupWrite(key, HashValue.class);
        byte[] field = args.get(2);
        byte[] current = h == null ? null : h.get(field);
        LongDouble value = LongDouble.of(0L);
        if (current != null) {
            value = LongDouble.parse(current);
            if (value == null) {
                throw new CommandException(HashErrors.VALUE_NOT_FLOAT);
            }
        }
        LongDouble sum = value.add(incr);
        if (sum.isInfinite()) {
            throw new CommandException(Errors.NAN_OR_INFINITY);
        }
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        store(ctx, db, key, h, field, text);
        // written as HSET of the result, as Redis propagates it (no float drift on replay)
        ctx.propagate("HSET".getBytes(StandardCharsets.US_ASCII), key, field, text);
        db.notifyKeyspaceEvent(KeyspaceEvents.HASH, "hincrbyfloat", key);
        reply.bulk(text);
    }

    /** {@code hashTypeSet} with its own length check, which HSET does earlier for all arguments. */
    private static void store(CommandContext ctx, Database db, byte[] key, HashValue h, byte[] field, byte[] value) {
        boolean created = h == null;
        if (created) {
            h = new HashValue();
        }
        h.convertForPair(field, value, ctx.config().getLong(HashValue.MAX_LISTPACK_VALUE));
        h.put(field, value, ctx.config().getLong(HashValue.MAX_LISTPACK_ENTRIES));
        if (created) {
            db.set(key, h);
        } else {
            db.modified(key);
        }
    }
}
