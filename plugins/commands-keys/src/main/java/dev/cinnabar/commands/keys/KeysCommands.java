package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.ScanCursor;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.api.reply.ReplySink;

import java.util.ArrayList;
import java.util.List;

/** KEYS and SCAN: listing the keys of the selected database by glob pattern ({@code db.c}). */
final class KeysCommands {

    private KeysCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("keys", KeysCommands::keys);
        r.redisCommand("scan", KeysCommands::scan);
    }

    private static void keys(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] pattern = args.get(1);
        // "*" is tested before matching, which is why KEYS * lists the empty key and KEYS ** does not
        boolean all = GlobMatcher.isMatchAll(pattern);
        List<byte[]> keys = new ArrayList<>();
        ctx.db().forEachKey((key, value) -> {
            if (all || GlobMatcher.matches(pattern, key)) {
                keys.add(key);
            }
        });
        reply.array(keys.size());
        for (byte[] k : keys) {
            reply.bulk(k);
        }
    }

    /** {@code scanGenericCommand} for the keyspace: cursor first, then options in any order. */
    private static void scan(CommandContext ctx, Arguments args, ReplySink reply) {
        long cursor = ScanCursor.parse(args.get(1));
        long count = 10;
        byte[] pattern = null;
        String type = null;
        for (int i = 2; i < args.count(); i += 2) {
            boolean hasValue = i + 1 < args.count();
            byte[] opt = args.get(i);
            if (hasValue && Arguments.isKeyword(opt, "count")) {
                count = args.longValue(i + 1);
                if (count < 1) {
                    throw new CommandException(Errors.SYNTAX);
                }
            } else if (hasValue && Arguments.isKeyword(opt, "match")) {
                byte[] p = args.get(i + 1);
                pattern = GlobMatcher.isMatchAll(p) ? null : p;
            } else if (hasValue && Arguments.isKeyword(opt, "type")) {
                // compared with strcasecmp, so it is a C string too; unknown names simply match nothing
                type = Arguments.cString(args.get(i + 1));
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        byte[] match = pattern;
        String wantedType = type;
        List<byte[]> keys = new ArrayList<>();
        Database db = ctx.db();
        long next = db.scan(cursor, (int) Math.min(count, Integer.MAX_VALUE), (key, value) -> {
            if (match != null && !GlobMatcher.matches(match, key)) {
                return;
            }
            if (wantedType != null && !wantedType.equalsIgnoreCase(value.type().wireName())) {
                return;
            }
            keys.add(key);
        });
        reply.array(2);
        reply.bulk(ScanCursor.format(next));
        reply.array(keys.size());
        for (byte[] k : keys) {
            reply.bulk(k);
        }
    }
}
