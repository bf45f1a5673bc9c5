package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]}: the longest common
 * subsequence by Redis's dynamic programming table, walked back from the end so that the matches
 * come out in Redis's order (last match first).
 */
final class LcsCommand {

    private static final byte[] EMPTY = new byte[0];

    private LcsCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("lcs", LcsCommand::lcs);
    }

    private record Match(int aStart, int aEnd, int bStart, int bEnd, int length) {
    }

    private static void lcs(CommandContext ctx, Arguments args, ReplySink reply) {
        RedisValue oa = ctx.db().lookupRead(args.get(1));
        RedisValue ob = ctx.db().lookupRead(args.get(2));
        if ((oa != null && !(oa instanceof StringValue)) || (ob != null && !(ob instanceof StringValue))) {
            throw new CommandException(StringErrors.LCS_WRONG_TYPE);
        }
        byte[] a = oa == null ? EMPTY : ((StringValue) oa).array();
        int alen = oa == null ? 0 : ((StringValue) oa).length();
        byte[] b = ob == null ? EMPTY : ((StringValue) ob).array();
        int blen = ob == null ? 0 : ((StringValue) ob).length();

        boolean getLen = false, getIdx = false, withMatchLen = false;
        long minMatchLen = 0;
        int argc = args.count();
        for (int j = 3; j < argc; j++) {
            byte[] opt = args.get(j);
            boolean more = j < argc - 1;
            if (Arguments.isKeyword(opt, "IDX")) {
                getIdx = true;
            } else if (Arguments.isKeyword(opt, "LEN")) {
                getLen = true;
            } else if (Arguments.isKeyword(opt, "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (Arguments.isKeyword(opt, "MINMATCHLEN") && more) {
                minMatchLen = Math.max(0, args.longValue(j + 1));
                j++;
            } else {
                throw CommandException.syntax();
            }
        }
        if (getLen && getIdx) {
            throw new CommandException(StringErrors.LCS_LEN_AND_IDX);
        }

        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * Integer.BYTES > ctx.config().getLong("proto-max-bulk-len")) {
            throw new CommandException(StringErrors.LCS_TABLE_TOO_BIG);
        }
        if (cells > Integer.MAX_VALUE - 8) {
            throw new CommandException(StringErrors.LCS_NO_MEMORY);
        }
        int[] table;
        try {
            table = new int[(int) cells];
        } catch (OutOfMemoryError e) {
            throw new CommandException(StringErrors.LCS_NO_MEMORY);
        }
        int w = blen + 1;
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                if (a[i - 1] == b[j - 1]) {
                    table[i * w + j] = table[(i - 1) * w + j - 1] + 1;
                } else {
                    table[i * w + j] = Math.max(table[(i - 1) * w + j], table[i * w + j - 1]);
                }
            }
        }
        int total = table[alen * w + blen];
        if (getLen) {
            reply.integer(total);
            return;
        }

        byte[] result = new byte[total];
        List<Match> matches = new ArrayList<>();
        int idx = total;
        int aStart = alen, aEnd = 0, bStart = 0, bEnd = 0; // aStart == alen: no range open
        int i = alen, j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (table[(i - 1) * w + j] > table[i * w + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            int matchLen = aEnd - aStart + 1;
            if (emit) {
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    matches.add(new Match(aStart, aEnd, bStart, bEnd, matchLen));
                }
                aStart = alen;
            }
        }

        if (!getIdx) {
            reply.bulk(result);
            return;
        }
        reply.map(2);
        reply.bulk("matches");
        reply.array(matches.size());
        for (Match m : matches) {
            reply.array(withMatchLen ? 3 : 2);
            reply.array(2);
            reply.integer(m.aStart);
            reply.integer(m.aEnd);
            reply.array(2);
            reply.integer(m.bStart);
            reply.integer(m.bEnd);
            if (withMatchLen) {
                reply.integer(m.length);
            }
        }
        reply.bulk("len");
        reply.integer(total);
    }
}
