package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.Numbers;

/**
 * The options of {@code SET} ({@code NX XX GET EX PX EXAT PXAT KEEPTTL}) and {@code GETEX}
 * ({@code EX PX EXAT PXAT PERSIST}), parsed with the exact rules of Redis's
 * {@code parseExtendedStringArgumentsOrReply}: an option that conflicts with one already seen, or
 * an expiry keyword without a value, is a syntax error; repeating a compatible option is allowed
 * ({@code NX NX}, {@code GET GET}, {@code EX 1 EX 2}: the last value wins).
 */
final class ExtendedOptions {

    static final int NX = 1, XX = 1 << 1, EX = 1 << 2, PX = 1 << 3, KEEPTTL = 1 << 4, GET = 1 << 5,
            EXAT = 1 << 6, PXAT = 1 << 7, PERSIST = 1 << 8;

    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    int flags;
    /** Index of the expiry argument, 0 when none. */
    int expireIndex;

    private ExtendedOptions() {
    }

    static ExtendedOptions parseSet(Arguments args) {
        return parse(args, 3, true);
    }

    static ExtendedOptions parseGetex(Arguments args) {
        return parse(args, 2, false);
    }

    private static ExtendedOptions parse(Arguments args, int from, boolean set) {
        ExtendedOptions o = new ExtendedOptions();
        int argc = args.count();
        for (int j = from; j < argc; j++) {
            byte[] opt = args.get(j);
            boolean hasNext = j < argc - 1;
            int f = o.flags;
            if (set && Arguments.isKeyword(opt, "NX") && (f & XX) == 0) {
                o.flags |= NX;
            } else if (set && Arguments.isKeyword(opt, "XX") && (f & NX) == 0) {
                o.flags |= XX;
            } else if (set && Arguments.isKeyword(opt, "GET")) {
                o.flags |= GET;
            } else if (set && Arguments.isKeyword(opt, "KEEPTTL") && (f & (PERSIST | ANY_EXPIRE)) == 0) {
                o.flags |= KEEPTTL;
            } else if (!set && Arguments.isKeyword(opt, "PERSIST") && (f & (ANY_EXPIRE | KEEPTTL)) == 0) {
                o.flags |= PERSIST;
            } else if (Arguments.isKeyword(opt, "EX") && (f & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) == 0 && hasNext) {
                o.flags |= EX;
                o.expireIndex = ++j;
            } else if (Arguments.isKeyword(opt, "PX") && (f & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) == 0 && hasNext) {
                o.flags |= PX;
                o.expireIndex = ++j;
            } else if (Arguments.isKeyword(opt, "EXAT") && (f & (KEEPTTL | PERSIST | EX | PX | PXAT)) == 0 && hasNext) {
                o.flags |= EXAT;
                o.expireIndex = ++j;
            } else if (Arguments.isKeyword(opt, "PXAT") && (f & (KEEPTTL | PERSIST | EX | EXAT | PX)) == 0 && hasNext) {
                o.flags |= PXAT;
                o.expireIndex = ++j;
            } else {
                throw CommandException.syntax();
            }
        }
        return o;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean hasExpire() {
        return expireIndex != 0;
    }

    /** Whether the expiry was given as an absolute time ({@code EXAT}/{@code PXAT}). */
    boolean absolute() {
        return (flags & (EXAT | PXAT)) != 0;
    }

    /** The absolute expiry in Unix ms for the expiry argument, validated as Redis does. */
    long expireAt(CommandContext ctx, Arguments args) {
        return expireAt(ctx, args.get(expireIndex), (flags & (EX | EXAT)) != 0, (flags & (EX | PX)) != 0);
    }

    /**
     * Redis's {@code getExpireMillisecondsOrReply}: a positive integer, seconds scaled without
     * overflow, relative times added to the command's clock, the result still positive.
     */
    static long expireAt(CommandContext ctx, byte[] arg, boolean seconds, boolean relative) {
        long ms;
        try {
            ms = Numbers.parseLong(arg);
        } catch (NumberFormatException e) {
            throw CommandException.notInteger();
        }
        if (ms <= 0 || (seconds && ms > Long.MAX_VALUE / 1000)) {
            throw new CommandException(Errors.invalidExpire(ctx.commandName()));
        }
        if (seconds) {
            ms *= 1000;
        }
        if (relative) {
            ms += ctx.now(); // wraps on overflow, as in C, and is caught below
        }
        if (ms <= 0) {
            throw new CommandException(Errors.invalidExpire(ctx.commandName()));
        }
        return ms;
    }
}
