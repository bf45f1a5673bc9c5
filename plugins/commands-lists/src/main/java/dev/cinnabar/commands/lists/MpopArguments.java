package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandException;

import java.util.Arrays;

/**
 * The arguments of {@code LMPOP}/{@code BLMPOP}: {@code numkeys key... LEFT|RIGHT [COUNT n]},
 * parsed in Redis's order ({@code lmpopGenericCommand}): numkeys, the direction, then the options.
 */
record MpopArguments(byte[][] keys, boolean left, long count) {

    /** Parses from argument {@code numkeysIndex}. */
    static MpopArguments parse(Arguments args, int numkeysIndex) {
        long numkeys = args.longValue(numkeysIndex, ListErrors.NUMKEYS);
        if (numkeys < 1) {
            throw new CommandException(ListErrors.NUMKEYS);
        }
        long whereIndex = numkeysIndex + numkeys + 1;
        if (whereIndex >= args.count()) {
            throw CommandException.syntax();
        }
        int where = (int) whereIndex;
        boolean left = Lists.left(args, where);
        long count = -1;
        for (int j = where + 1; j < args.count(); j++) {
            boolean moreArgs = j < args.count() - 1;
            if (count == -1 && args.is(j, "count") && moreArgs) {
                j++;
                count = args.longValue(j, ListErrors.COUNT);
                if (count < 1) {
                    throw new CommandException(ListErrors.COUNT);
                }
            } else {
                throw CommandException.syntax();
            }
        }
        byte[][] keys = Arrays.copyOfRange(args.raw(), numkeysIndex + 1, where);
        return new MpopArguments(keys, left, count == -1 ? 1 : count);
    }
}
