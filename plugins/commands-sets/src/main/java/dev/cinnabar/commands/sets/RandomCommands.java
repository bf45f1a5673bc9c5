package dev.cinnabar.commands.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/**
 * Random members: SPOP and SRANDMEMBER, with and without a count, following the cases of
 * {@code spopWithCountCommand} and {@code srandmemberWithCountCommand}, including their reply
 * types: SPOP's whole set (count at least the size) comes as a set reply because Redis computes it
 * with SUNION, while SRANDMEMBER answers arrays, the whole set in its own order; SPOP's partial
 * answers are sets.
 */
final class RandomCommands {

    private RandomCommands() {
    }

    /** SPOP keeps popping one by one while the remaining part is over 1/5 of the count ({@code SPOP_MOVE_STRATEGY_MUL}). */
    private static final long SPOP_MOVE_STRATEGY_MUL = 5;

    /** SRANDMEMBER copies the set and removes from it once the count exceeds 1/3 of the size ({@code SRANDMEMBER_SUB_STRATEGY_MUL}). */
    private static final long SRANDMEMBER_SUB_STRATEGY_MUL = 3;

    /**
     * The largest reply SRANDMEMBER with a negative count may build. The kernel buffers one
     * command's reply whole, so a count like {@code -2000000000} (which makes Redis itself grow
     * its output buffer until the machine runs out of memory) is refused before anything is
     * written instead, judging the element size from a sample of members.
     */
    static final long MAX_REPEATED_REPLY_BYTES = 256L << 20;

    /** The size of one bulk string of a random member, from a small sample (at least {@code $0\r\n\r\n}). */
    private static long estimatedBytesPerElement(SetValue set) {
        int samples = Math.min(16, set.size());
        long total = 0;
        for (int k = 0; k < samples; k++) {
            total += set.memberAt(set.randomIndex()).length;
        }
        return 6 + 1 + total / samples + String.valueOf(total / samples).length();
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("spop", RandomCommands::spop);
        r.redisCommand("srandmember", RandomCommands::srandmember);
    }

    static void spop(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() == 3) {
            spopWithCount(ctx, args, reply);
            return;
        }
        if (args.count() > 3) {
            throw CommandException.syntax();
        }
        Database db = ctx.db();
        byte[] key = args.get(1);
        SetValue set = SetLookup.write(db, key);
        if (set == null) {
            reply.nullBulk();
            return;
        }
        int i = set.randomIndex();
        set.replyMember(i, reply);
        ctx.propagate(SREM, key, set.memberAt(i)); // written as SREM, as Redis propagates it
        set.removeAt(i);
        db.notifyKeyspaceEvent(KeyspaceEvents.SET, "spop", key);
        if (set.size() == 0) {
            db.delete(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else {
            db.modified(key);
        }
    }

    private static void spopWithCount(CommandContext ctx, Arguments args, ReplySink reply) {
        long count = args.longValue(2, Errors.OUT_OF_RANGE_POSITIVE);
        if (count < 0) {
            throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
        }
        Database db = ctx.db();
        byte[] key = args.get(1);
        SetValue set = SetLookup.write(db, key);
        if (set == null || count == 0) {
            reply.set(0);
            return;
        }
        int size = set.size();
        db.notifyKeyspaceEvent(KeyspaceEvents.SET, "spop", key);
        if (count >= size) {
            AlgebraCommands.replyMembers(SetAlgebra.union(new SetValue[] {set}, SetLookup.maxIntsetEntries(ctx)), reply);
            ctx.propagate(ctx.config().getBoolean("lazyfree-lazy-server-del") ? UNLINK : DEL, key);
            db.delete(key);
            ctx.countChanges(size); // one change per member popped, as spopWithCountCommand counts
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            return;
        }
        int n = (int) count;
        int remaining = size - n;
        reply.set(n);
        if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
            java.util.List<byte[]> popped = new java.util.ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                int i = set.randomIndex();
                set.replyMember(i, reply);
                popped.add(set.memberAt(i));
                set.removeAt(i);
            }
            propagateSrem(ctx, key, popped);
            db.modified(key);
        } else {
            // few remain: move the survivors to a new set (created for its first member, so a
            // hashtable of integers becomes an intset again) and reply with what is left behind
            SetValue survivors = null;
            long max = SetLookup.maxIntsetEntries(ctx);
            for (int k = 0; k < remaining; k++) {
                int i = set.randomIndex();
                if (survivors == null) {
                    survivors = SetValue.createFor(set.memberAt(i));
                }
                survivors.addFrom(set, i, max);
                set.removeAt(i);
            }
            java.util.List<byte[]> popped = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                set.replyMember(i, reply);
                popped.add(set.memberAt(i));
            }
            propagateSrem(ctx, key, popped);
            db.setKeepTtl(key, survivors);
        }
        ctx.countChanges(n);
    }

    private static final byte[] SREM = "SREM".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] UNLINK = "UNLINK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * SPOP with a count is written as one {@code SREM key member} per popped member (MULTI/EXEC
     * around them), as Redis 7.0.15's {@code spopWithCountCommand} propagates it.
     */
    private static void propagateSrem(CommandContext ctx, byte[] key, java.util.List<byte[]> members) {
        for (byte[] m : members) {
            ctx.propagate(SREM, key, m);
        }
    }

    static void srandmember(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() == 3) {
            srandmemberWithCount(ctx, args, reply);
            return;
        }
        if (args.count() > 3) {
            throw CommandException.syntax();
        }
        SetValue set = SetLookup.read(ctx.db(), args.get(1));
        if (set == null) {
            reply.nullBulk();
            return;
        }
        set.replyMember(set.randomIndex(), reply);
    }

    private static void srandmemberWithCount(CommandContext ctx, Arguments args, ReplySink reply) {
        long l = args.longValue(2);
        if (l == Long.MIN_VALUE) {
            throw new CommandException(SetErrors.SRANDMEMBER_COUNT_RANGE);
        }
        boolean unique = l >= 0;
        long count = Math.abs(l);
        SetValue set = SetLookup.read(ctx.db(), args.get(1));
        if (set == null || count == 0) {
            reply.array(0);
            return;
        }
        int size = set.size();
        if (!unique || count == 1) {
            if (count > MAX_REPEATED_REPLY_BYTES / estimatedBytesPerElement(set)) {
                throw new CommandException(SetErrors.replyTooLarge(l));
            }
            // streamed: one random pick per element, nothing collected
            reply.array((int) count);
            for (long k = 0; k < count; k++) {
                set.replyMember(set.randomIndex(), reply);
            }
            return;
        }
        if (count >= size) {
            reply.array(size);
            for (int i = 0; i < size; i++) {
                set.replyMember(i, reply);
            }
            return;
        }
        int n = (int) count;
        reply.array(n);
        if (count * SRANDMEMBER_SUB_STRATEGY_MUL > size) {
            // most of the set: shuffle the indexes partially and take the first n (Fisher-Yates)
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            var random = java.util.concurrent.ThreadLocalRandom.current();
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(size - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                set.replyMember(order[i], reply);
            }
        } else {
            // a small part: pick random indexes until n distinct ones were seen
            java.util.BitSet seen = new java.util.BitSet(size);
            int picked = 0;
            while (picked < n) {
                int i = set.randomIndex();
                if (!seen.get(i)) {
                    seen.set(i);
                    picked++;
                    set.replyMember(i, reply);
                }
            }
        }
    }
}
