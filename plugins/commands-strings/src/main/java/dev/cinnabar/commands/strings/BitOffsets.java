package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.StringValue;

/** What the bit commands share: offset parsing and growing a string to hold a bit ({@code bitops.c}). */
final class BitOffsets {

    private BitOffsets() {
    }

    /**
     * Redis's {@code getBitOffsetFromArgument}: a non-negative integer whose byte lies below
     * {@code proto-max-bulk-len}; with {@code hash}, {@code #n} means {@code n * bits}.
     */
    static long parse(CommandContext ctx, byte[] arg, boolean hash, int bits) {
        boolean useHash = hash && bits > 0 && arg.length > 0 && arg[0] == '#';
        int from = useHash ? 1 : 0;
        long offset;
        try {
            offset = Numbers.parseLong(arg, from, arg.length - from);
        } catch (NumberFormatException e) {
            throw new CommandException(StringErrors.BIT_OFFSET);
        }
        if (useHash) {
            offset *= bits; // wraps like the C multiplication; a negative result is refused below
        }
        if (offset < 0 || (offset >> 3) >= ctx.config().getLong("proto-max-bulk-len")) {
            throw new CommandException(StringErrors.BIT_OFFSET);
        }
        return offset;
    }

    /**
     * A string looked up for a bit write, and whether the lookup created or lengthened it (Redis's
     * {@code dirty} out-parameter: such a write is a change even where no bit flips).
     */
    record Target(StringValue value, boolean grown) {
    }

    /**
     * Redis's {@code lookupStringForBitCommand}: the string under the key, created or zero-padded
     * so that bit {@code maxBit} exists, and in raw encoding. WRONGTYPE for other types.
     */
    static Target lookupForWrite(CommandContext ctx, byte[] key, long maxBit) {
        long bytes = (maxBit >> 3) + 1;
        if (bytes > Integer.MAX_VALUE - 8) {
            // only reachable with proto-max-bulk-len raised past what a Java array holds
            throw new CommandException(StringErrors.BIT_OFFSET);
        }
        Database db = ctx.db();
        StringValue v = db.lookupWrite(key, StringValue.class);
        if (v == null) {
            v = StringValue.raw(new byte[(int) bytes]);
            db.set(key, v);
            return new Target(v, true);
        }
        int before = v.length();
        v.growTo((int) bytes);
        return new Target(v, v.length() != before);
    }
}
