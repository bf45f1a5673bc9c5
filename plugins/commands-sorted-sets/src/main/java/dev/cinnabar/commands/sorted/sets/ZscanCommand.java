package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.ScanCursor;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** ZSCAN ({@code zscanCommand} over {@code scanGenericCommand}). */
final class ZscanCommand {

    private ZscanCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("zscan", ZscanCommand::zscan);
    }

    private static final double LISTPACK_INTEGER_LIMIT = (double) (Long.MAX_VALUE / 2);

    /**
     * The text a listpack holds for a score, which ZSCAN returns as is: Redis 7.0.15 writes an
     * integral score within +-2^62 as an integer ({@code double2ll}), anything else as %.17g.
     */
    static String listpackText(double s) {
        if (s >= -LISTPACK_INTEGER_LIMIT && s <= LISTPACK_INTEGER_LIMIT && s == (long) s) {
            return Long.toString((long) s);
        }
        return Numbers.formatDouble(s);
    }

    private static void zscan(CommandContext ctx, Arguments args, ReplySink reply) {
        long cursor = ScanCursor.parse(args.get(2));
        SortedSet z = Lookup.read(ctx.db(), args.get(1));
        if (z == null) {
            reply.array(2);
            reply.bulk("0");
            reply.array(0);
            return;
        }
        long count = 10;
        byte[] pattern = null;
        for (int i = 3; i < args.count(); ) {
            int left = args.count() - i;
            if (args.is(i, "count") && left >= 2) {
                count = args.longValue(i + 1);
                if (count < 1) {
                    throw CommandException.syntax();
                }
                i += 2;
            } else if (args.is(i, "match") && left >= 2) {
                byte[] p = args.get(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
                i += 2;
            } else {
                throw CommandException.syntax();
            }
        }
        List<byte[]> out = new ArrayList<>();
        ZSetStore store = z.store();
        boolean listpack = store instanceof ListpackStore;
        ZSetStore.EntryVisitor collect = (m, s) -> {
            out.add(m);
            out.add((listpack ? listpackText(s) : Numbers.formatDouble(s)).getBytes(StandardCharsets.US_ASCII));
            return true;
        };
        if (listpack) {
            cursor = store.scan(cursor, collect);
        } else {
            long maxIterations = count * 10;
            do {
                cursor = store.scan(cursor, collect);
            } while (cursor != 0 && maxIterations-- > 0 && out.size() < count);
        }
        List<byte[]> kept = out;
        if (pattern != null) {
            kept = new ArrayList<>();
            for (int k = 0; k < out.size(); k += 2) {
                if (GlobMatcher.matches(pattern, out.get(k))) {
                    kept.add(out.get(k));
                    kept.add(out.get(k + 1));
                }
            }
        }
        reply.array(2);
        reply.bulk(Long.toUnsignedString(cursor));
        reply.array(kept.size());
        for (byte[] b : kept) {
            reply.bulk(b);
        }
    }
}
