package dev.cinnabar.commands.sets;

import dev.cinnabar.api.command.ScanCursor;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.reply.ReplySink;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SSCAN key cursor [MATCH pattern] [COUNT count]} ({@code sscanCommand} +
 * {@code scanGenericCommand}): the cursor is checked first, then the key (a missing key answers
 * the empty scan without looking at the options), then the options; TYPE is not an option here.
 * An intset comes back whole with cursor 0.
 */
final class SscanCommand {

    private SscanCommand() {
    }

    static void sscan(CommandContext ctx, Arguments args, ReplySink reply) {
        long cursor = ScanCursor.parse(args.get(2));
        SetValue set = SetLookup.read(ctx.db(), args.get(1));
        if (set == null) {
            reply.array(2);
            reply.bulk("0");
            reply.array(0);
            return;
        }
        long count = 10;
        byte[] pattern = null;
        for (int i = 3; i < args.count(); i += 2) {
            boolean hasValue = i + 1 < args.count();
            if (hasValue && Arguments.isKeyword(args.get(i), "count")) {
                count = args.longValue(i + 1);
                if (count < 1) {
                    throw new CommandException(Errors.SYNTAX);
                }
            } else if (hasValue && Arguments.isKeyword(args.get(i), "match")) {
                byte[] p = args.get(i + 1);
                pattern = GlobMatcher.isMatchAll(p) ? null : p;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        List<byte[]> found = new ArrayList<>();
        long next;
        if (set.isIntset()) {
            for (int i = 0; i < set.size(); i++) {
                found.add(set.memberAt(i));
            }
            next = 0;
        } else {
            long maxIterations = count * 10;
            next = cursor;
            // Redis tests maxiterations-- for non-zero: a count*10 that overflowed negative keeps going
            do {
                next = set.scan(next, found::add);
            } while (next != 0 && maxIterations-- != 0 && found.size() < count);
        }
        if (pattern != null) {
            byte[] p = pattern;
            found.removeIf(m -> !GlobMatcher.matches(p, m));
        }
        reply.array(2);
        reply.bulk(ScanCursor.format(next));
        reply.array(found.size());
        for (byte[] m : found) {
            reply.bulk(m);
        }
    }
}
