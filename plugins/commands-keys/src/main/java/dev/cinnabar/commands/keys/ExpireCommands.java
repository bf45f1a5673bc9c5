package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME and PERSIST ({@code expire.c}). */
final class ExpireCommands {

    private ExpireCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("expire", (ctx, args, reply) -> expire(ctx, args, reply, true, true));
        r.redisCommand("pexpire", (ctx, args, reply) -> expire(ctx, args, reply, true, false));
        r.redisCommand("expireat", (ctx, args, reply) -> expire(ctx, args, reply, false, true));
        r.redisCommand("pexpireat", (ctx, args, reply) -> expire(ctx, args, reply, false, false));
        r.redisCommand("ttl", (ctx, args, reply) -> ttl(ctx, args, reply, false, false));
        r.redisCommand("pttl", (ctx, args, reply) -> ttl(ctx, args, reply, true, false));
        r.redisCommand("expiretime", (ctx, args, reply) -> ttl(ctx, args, reply, false, true));
        r.redisCommand("pexpiretime", (ctx, args, reply) -> ttl(ctx, args, reply, true, true));
        r.redisCommand("persist", ExpireCommands::persist);
    }

    /** {@code expireGenericCommand}: options first, then the time, then the key. */
    private static void expire(CommandContext ctx, Arguments args, ReplySink reply, boolean relative, boolean seconds) {
        ExpireCondition condition = ExpireCondition.parse(args, 3);
        long when = args.longValue(2);
        long base = relative ? ctx.now() : 0;
        // EXPIRE accepts negative times; only overflow of the unit conversion or the addition is an error
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw new CommandException(Errors.invalidExpire(ctx.commandName()));
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - base) {
            throw new CommandException(Errors.invalidExpire(ctx.commandName()));
        }
        when += base;

        Database db = ctx.db();
        byte[] key = args.get(1);
        if (db.lookupWrite(key) == null) {
            reply.integer(0);
            return;
        }
        if (!condition.allows(db.getExpire(key), when)) {
            reply.integer(0);
            return;
        }
        if (when <= ctx.now()) {
            // an expiry in the past deletes the key at once and still counts as set
            db.delete(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else {
            db.setExpire(key, when);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "expire", key);
        }
        reply.integer(1);
    }

    /** {@code ttlGenericCommand}: -2 missing, -1 persistent; seconds are rounded half up. */
    private static void ttl(CommandContext ctx, Arguments args, ReplySink reply, boolean millis, boolean absolute) {
        Database db = ctx.db();
        byte[] key = args.get(1);
        if (db.lookupReadNoTouch(key) == null) {
            reply.integer(-2);
            return;
        }
        long expire = db.getExpire(key);
        if (expire == Database.NO_EXPIRE) {
            reply.integer(-1);
            return;
        }
        long ttl = absolute ? expire : expire - ctx.now();
        if (ttl < 0) {
            ttl = 0;
        }
        reply.integer(millis ? ttl : (ttl + 500) / 1000);
    }

    private static void persist(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        byte[] key = args.get(1);
        if (db.lookupWrite(key) == null) {
            reply.integer(0);
            return;
        }
        boolean removed = db.persist(key);
        if (removed) {
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "persist", key);
        }
        reply.integer(removed ? 1 : 0);
    }
}
