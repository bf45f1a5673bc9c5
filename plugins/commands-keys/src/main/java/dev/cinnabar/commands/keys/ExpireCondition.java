package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Database;

/**
 * The {@code NX|XX|GT|LT} options of the EXPIRE family ({@code expire.c
 * parseExtendedExpireArgumentsOrReply}) and the test they put on a key's current expiry.
 */
record ExpireCondition(boolean nx, boolean xx, boolean gt, boolean lt) {

    /** Parses the options from argument {@code from} on; Redis checks them before the time argument. */
    static ExpireCondition parse(Arguments args, int from) {
        boolean nx = false, xx = false, gt = false, lt = false;
        for (int i = from; i < args.count(); i++) {
            String opt = Arguments.cString(args.get(i));
            if (opt.equalsIgnoreCase("nx")) {
                nx = true;
            } else if (opt.equalsIgnoreCase("xx")) {
                xx = true;
            } else if (opt.equalsIgnoreCase("gt")) {
                gt = true;
            } else if (opt.equalsIgnoreCase("lt")) {
                lt = true;
            } else {
                throw new CommandException(KeyErrors.unsupportedExpireOption(args.get(i)));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new CommandException(KeyErrors.EXPIRE_NX_CONFLICT);
        }
        if (gt && lt) {
            throw new CommandException(KeyErrors.EXPIRE_GT_LT_CONFLICT);
        }
        return new ExpireCondition(nx, xx, gt, lt);
    }

    /**
     * Whether a new absolute expiry {@code when} may replace {@code current}
     * ({@link Database#NO_EXPIRE} when the key has none, which GT and LT treat as infinite).
     */
    boolean allows(long current, long when) {
        boolean persistent = current == Database.NO_EXPIRE;
        if (nx && !persistent) {
            return false;
        }
        if (xx && persistent) {
            return false;
        }
        if (gt && (persistent || when <= current)) {
            return false;
        }
        return !lt || persistent || when < current;
    }
}
