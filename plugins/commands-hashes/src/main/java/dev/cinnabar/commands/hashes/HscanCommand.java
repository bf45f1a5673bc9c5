package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.command.ScanCursor;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.reply.ReplySink;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code HSCAN key cursor [MATCH pattern] [COUNT count]}, as Redis's {@code scanGenericCommand}:
 * the cursor is checked before the key, options after it (so a missing key answers an empty
 * scan whatever the options). A listpack hash is returned whole with cursor 0, COUNT ignored;
 * a hashtable is walked bucket by bucket until COUNT pairs or ten times COUNT buckets.
 * MATCH filters on the field and drops its value with it.
 */
final class HscanCommand {

    private HscanCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("hscan", HscanCommand::hscan);
    }

    private static void hscan(CommandContext ctx, Arguments args, ReplySink reply) {
        long cursor = ScanCursor.parse(args.get(2));
        HashValue h = HashValue.read(ctx.db(), args.get(1));
        if (h == null) {
            reply.array(2);
            reply.bulk(ScanCursor.format(0));
            reply.array(0);
            return;
        }
        long count = 10;
        byte[] pattern = null;
        for (int i = 3; i < args.count(); i += 2) {
            boolean hasValue = i + 1 < args.count();
            byte[] option = args.get(i);
            if (hasValue && Arguments.isKeyword(option, "count")) {
                count = args.longValue(i + 1);
                if (count < 1) {
                    throw CommandException.syntax();
                }
            } else if (hasValue && Arguments.isKeyword(option, "match")) {
                byte[] p = args.get(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        byte[] match = pattern;
        List<byte[]> found = new ArrayList<>();
        FieldTable.PairVisitor collect = (field, value) -> {
            if (match == null || GlobMatcher.matches(match, field)) {
                found.add(field);
                found.add(value);
            }
        };
        long next;
        if (h.isListpack()) {
            h.forEach(collect);
            next = 0;
        } else {
            // Redis compares COUNT with its list of fetched elements (field and value are two) before
            // MATCH filters them, so count them apart from what MATCH keeps
            long[] fetched = {0};
            FieldTable.PairVisitor counting = (field, value) -> {
                fetched[0] += 2;
                collect.visit(field, value);
            };
            long maxIterations = count * 10; // wraps for huge counts as in C: then only cursor and COUNT end the walk
            next = cursor;
            do {
                next = h.table().scan(next, counting);
            } while (next != 0 && maxIterations-- != 0 && fetched[0] < count);
        }
        reply.array(2);
        reply.bulk(ScanCursor.format(next));
        reply.array(found.size());
        for (byte[] b : found) {
            reply.bulk(b);
        }
    }
}
