package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.reply.ReplySink;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code HRANDFIELD key [count [WITHVALUES]]}, following the cases of Redis's
 * {@code hrandfieldWithCountCommand}: a negative count samples with repetition; a count at least
 * the size returns the whole hash in its own order; a smaller positive count returns distinct
 * fields (in listpack order for a listpack, as {@code lpRandomPairsUnique} does).
 */
final class HrandfieldCommand {

    /**
     * The most elements a negative count may ask for. Redis streams any count into its output
     * buffer (a normal client has no limit) until memory runs out; replies here are built in one
     * buffer, so a count that could not fit is refused instead of taking the server down.
     */
    static final long MAX_SAMPLED_REPLY = 1L << 24;

    private HrandfieldCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("hrandfield", HrandfieldCommand::hrandfield);
    }

    private static void hrandfield(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() >= 3) {
            long count = args.longValue(2);
            if (count == Long.MIN_VALUE) {
                throw new CommandException(HashErrors.COUNT_OUT_OF_RANGE);
            }
            boolean withValues = false;
            if (args.count() > 4 || (args.count() == 4 && !Arguments.isKeyword(args.get(3), "withvalues"))) {
                throw new CommandException(Errors.SYNTAX);
            } else if (args.count() == 4) {
                withValues = true;
                // count*2 must not overflow the reply length
                if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                    throw new CommandException(HashErrors.VALUE_OUT_OF_RANGE);
                }
            }
            withCount(ctx, args, reply, count, withValues);
            return;
        }
        HashValue h = HashValue.read(ctx.db(), args.get(1));
        if (h == null) {
            reply.nullBulk();
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (h.isListpack()) {
            reply.bulk(h.pairs().fieldAt(random.nextInt(h.size())));
        } else {
            reply.bulk(h.table().randomEntry(random).field);
        }
    }

    private static void withCount(CommandContext ctx, Arguments args, ReplySink reply, long requested,
                                  boolean withValues) {
        HashValue h = HashValue.read(ctx.db(), args.get(1));
        if (h == null || requested == 0) {
            reply.array(0);
            return;
        }
        boolean unique = requested > 0;
        long count = Math.abs(requested);
        int size = h.size();
        boolean resp3 = reply.protocol() >= 3;
        ThreadLocalRandom random = ThreadLocalRandom.current();

        if (!unique || count == 1) {
            if (count > MAX_SAMPLED_REPLY) {
                throw new CommandException(HashErrors.VALUE_OUT_OF_RANGE);
            }
            int n = (int) count;
            reply.array(withValues && !resp3 ? n * 2 : n);
            for (int i = 0; i < n; i++) {
                if (h.isListpack()) {
                    int pair = random.nextInt(size);
                    pair(reply, h.pairs().fieldAt(pair), h.pairs().valueAt(pair), withValues, resp3);
                } else {
                    FieldTable.Entry e = h.table().randomEntry(random);
                    pair(reply, e.field, e.value, withValues, resp3);
                }
            }
            return;
        }

        int n = (int) Math.min(count, size);
        reply.array(withValues && !resp3 ? n * 2 : n);
        if (count >= size) {
            h.forEach((field, value) -> pair(reply, field, value, withValues, resp3));
            return;
        }
        if (h.isListpack()) {
            // selection sampling: each pair is taken with probability needed/remaining, in order
            PairList pairs = h.pairs();
            int needed = n;
            for (int i = 0; i < size && needed > 0; i++) {
                if (random.nextInt(size - i) < needed) {
                    pair(reply, pairs.fieldAt(i), pairs.valueAt(i), withValues, resp3);
                    needed--;
                }
            }
            return;
        }
        if ((long) n * 3 > size) {
            // many of the fields: shuffle the first n of all entries into place
            FieldTable.Entry[] all = h.table().entries();
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(all.length - i);
                FieldTable.Entry t = all[i];
                all[i] = all[j];
                all[j] = t;
                pair(reply, all[i].field, all[i].value, withValues, resp3);
            }
            return;
        }
        // few of the fields: draw until n distinct ones came up
        Set<FieldTable.Entry> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (seen.size() < n) {
            FieldTable.Entry e = h.table().randomEntry(random);
            if (seen.add(e)) {
                pair(reply, e.field, e.value, withValues, resp3);
            }
        }
    }

    private static void pair(ReplySink reply, byte[] field, byte[] value, boolean withValues, boolean resp3) {
        if (withValues && resp3) {
            reply.array(2);
        }
        reply.bulk(field);
        if (withValues) {
            reply.bulk(value);
        }
    }
}
