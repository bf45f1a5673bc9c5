package dev.cinnabar.commands.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** Adding, removing, testing and listing members: SADD, SREM, SMOVE, SISMEMBER, SMISMEMBER, SCARD, SMEMBERS. */
final class MembershipCommands {

    private MembershipCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("sadd", MembershipCommands::sadd);
        r.redisCommand("srem", MembershipCommands::srem);
        r.redisCommand("smove", MembershipCommands::smove);
        r.redisCommand("sismember", MembershipCommands::sismember);
        r.redisCommand("smismember", MembershipCommands::smismember);
        r.redisCommand("scard", MembershipCommands::scard);
        r.redisCommand("smembers", MembershipCommands::smembers);
    }

    static void sadd(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        byte[] key = args.get(1);
        byte[][] argv = args.raw();
        SetValue set = SetLookup.write(db, key);
        boolean created = set == null;
        if (created) {
            set = SetValue.createFor(argv[2]);
            db.set(key, set);
        }
        // only an intset needs the limit; a hashtable never goes back
        long max = set.isIntset() ? SetLookup.maxIntsetEntries(ctx) : 0;
        int added = 0;
        for (int i = 2; i < argv.length; i++) {
            if (set.add(argv[i], max)) {
                added++;
            }
        }
        if (added > 0 && !created) {
            db.modified(key);
        }
        ctx.countChanges(added); // saddCommand: server.dirty += added
        if (added > 0) {
            db.notifyKeyspaceEvent(KeyspaceEvents.SET, "sadd", key);
        }
        reply.integer(added);
    }

    static void srem(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        byte[] key = args.get(1);
        SetValue set = SetLookup.write(db, key);
        if (set == null) {
            reply.integer(0);
            return;
        }
        int removed = 0;
        for (int i = 2; i < args.count(); i++) {
            if (set.remove(args.get(i))) {
                removed++;
                if (set.size() == 0) {
                    break;
                }
            }
        }
        if (set.size() == 0) {
            db.delete(key);
        } else if (removed > 0) {
            db.modified(key);
        }
        ctx.countChanges(removed);
        if (removed > 0) {
            db.notifyKeyspaceEvent(KeyspaceEvents.SET, "srem", key);
            if (set.size() == 0) {
                db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            }
        }
        reply.integer(removed);
    }

    /** {@code smoveCommand}: a missing source wins over a wrong-typed destination (reply 0). */
    static void smove(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        byte[] srcKey = args.get(1);
        byte[] dstKey = args.get(2);
        byte[] member = args.get(3);
        var srcValue = db.lookupWrite(srcKey);
        var dstValue = db.lookupWrite(dstKey);
        if (srcValue == null) {
            reply.integer(0);
            return;
        }
        if (!(srcValue instanceof SetValue src) || (dstValue != null && !(dstValue instanceof SetValue))) {
            throw dev.cinnabar.api.command.CommandException.wrongType();
        }
        SetValue dst = (SetValue) dstValue;
        if (src == dst) {
            reply.integer(src.contains(member) ? 1 : 0);
            return;
        }
        if (!src.remove(member)) {
            reply.integer(0);
            return;
        }
        db.notifyKeyspaceEvent(KeyspaceEvents.SET, "srem", srcKey);
        if (src.size() == 0) {
            db.delete(srcKey);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", srcKey);
        } else {
            db.modified(srcKey);
        }
        if (dst == null) {
            dst = SetValue.createFor(member);
            db.set(dstKey, dst);
        }
        // Redis counts one change for the removal and one more if the destination gained the member
        boolean added = dst.add(member, SetLookup.maxIntsetEntries(ctx));
        if (added) {
            db.modified(dstKey);
            db.notifyKeyspaceEvent(KeyspaceEvents.SET, "sadd", dstKey);
        }
        ctx.countChanges(added ? 2 : 1);
        reply.integer(1);
    }

    static void sismember(CommandContext ctx, Arguments args, ReplySink reply) {
        SetValue set = SetLookup.read(ctx.db(), args.get(1));
        reply.integer(set != null && set.contains(args.get(2)) ? 1 : 0);
    }

    static void smismember(CommandContext ctx, Arguments args, ReplySink reply) {
        SetValue set = SetLookup.read(ctx.db(), args.get(1));
        reply.array(args.count() - 2);
        for (int i = 2; i < args.count(); i++) {
            reply.integer(set != null && set.contains(args.get(i)) ? 1 : 0);
        }
    }

    static void scard(CommandContext ctx, Arguments args, ReplySink reply) {
        SetValue set = SetLookup.read(ctx.db(), args.get(1));
        reply.integer(set == null ? 0 : set.size());
    }

    /** In 7.0 SMEMBERS is SINTER of one key: a set reply, an intset in numeric order. */
    static void smembers(CommandContext ctx, Arguments args, ReplySink reply) {
        SetValue set = SetLookup.read(ctx.db(), args.get(1));
        if (set == null) {
            reply.set(0);
            return;
        }
        int n = set.size();
        reply.set(n);
        for (int i = 0; i < n; i++) {
            set.replyMember(i, reply);
        }
    }
}
