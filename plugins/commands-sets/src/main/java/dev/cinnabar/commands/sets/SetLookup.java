package dev.cinnabar.commands.sets;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;

/** Finding sets in the keyspace with Redis's type check, and the one configuration value sets read. */
final class SetLookup {

    private SetLookup() {
    }

    /** {@code lookupKeyRead} + {@code checkType}: the set, {@code null} when missing, WRONGTYPE otherwise. */
    static SetValue read(Database db, byte[] key) {
        return cast(db.lookupRead(key));
    }

    /** {@code lookupKeyWrite} + {@code checkType}. */
    static SetValue write(Database db, byte[] key) {
        return cast(db.lookupWrite(key));
    }

    private static SetValue cast(RedisValue v) {
        if (v == null || v instanceof SetValue) {
            return (SetValue) v;
        }
        throw CommandException.wrongType();
    }

    /** {@code set-max-intset-entries}, read once per command. */
    static long maxIntsetEntries(CommandContext ctx) {
        return ctx.config().getLong("set-max-intset-entries");
    }
}
