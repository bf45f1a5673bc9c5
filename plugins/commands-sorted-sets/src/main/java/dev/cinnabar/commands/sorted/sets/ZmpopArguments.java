package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Numbers;

import java.util.Arrays;

/**
 * The arguments of {@code ZMPOP}/{@code BZMPOP}: {@code numkeys key... MIN|MAX [COUNT n]}, parsed
 * in Redis's order ({@code zmpopGenericCommand}): numkeys, the direction, then the options.
 */
record ZmpopArguments(byte[][] keys, boolean max, long count) {

    /** Parses from argument {@code numkeysIndex}. */
    static ZmpopArguments parse(Arguments args, int numkeysIndex) {
        long numkeys = positive(args.get(numkeysIndex), SortedSetErrors.NUMKEYS_POSITIVE);
        long whereIdx = numkeysIndex + numkeys + 1;
        if (numkeys >= args.count() || whereIdx >= args.count()) { // the first test keeps LONG_MAX from wrapping
            throw CommandException.syntax();
        }
        int where = (int) whereIdx;
        boolean max;
        if (args.is(where, "min")) {
            max = false;
        } else if (args.is(where, "max")) {
            max = true;
        } else {
            throw CommandException.syntax();
        }
        long count = -1;
        for (int j = where + 1; j < args.count(); j++) {
            boolean moreArgs = j < args.count() - 1;
            if (count == -1 && args.is(j, "count") && moreArgs) {
                j++;
                count = positive(args.get(j), SortedSetErrors.COUNT_POSITIVE);
            } else {
                throw CommandException.syntax();
            }
        }
        byte[][] keys = Arrays.copyOfRange(args.raw(), numkeysIndex + 1, where);
        return new ZmpopArguments(keys, max, count == -1 ? 1 : count);
    }

    /** {@code getRangeLongFromObjectOrReply(1, LONG_MAX, msg)}: the same text for junk and out of range. */
    private static long positive(byte[] arg, String error) {
        long v;
        try {
            v = Numbers.parseLong(arg);
        } catch (NumberFormatException e) {
            throw new CommandException(error);
        }
        if (v < 1) {
            throw new CommandException(error);
        }
        return v;
    }
}
