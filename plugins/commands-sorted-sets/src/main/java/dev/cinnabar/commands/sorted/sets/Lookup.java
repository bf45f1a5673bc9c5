package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;

/** Key lookups that answer WRONGTYPE for other types, as {@code checkType} does. */
final class Lookup {

    private Lookup() {
    }

    static SortedSet read(Database db, byte[] key) {
        RedisValue v = db.lookupRead(key);
        if (v == null) {
            return null;
        }
        if (v instanceof SortedSet z) {
            return z;
        }
        throw CommandException.wrongType();
    }

    static SortedSet write(Database db, byte[] key) {
        return db.lookupWrite(key, SortedSet.class);
    }
}
