package dev.cinnabar.kernel.keyspace;

import java.util.Arrays;

/**
 * Passes each keyspace change on to every listener (blocked clients, WATCH, later keyspace
 * notifications). An array rather than a list: this runs on every write.
 */
final class ModificationFanout implements Keyspace.ModificationListener {

    private Keyspace.ModificationListener[] listeners = new Keyspace.ModificationListener[0];

    void add(Keyspace.ModificationListener l) {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = l;
    }

    @Override
    public void modified(int db, byte[] key) {
        for (Keyspace.ModificationListener l : listeners) {
            l.modified(db, key);
        }
    }

    @Override
    public void databaseReplacing(int db, int replacedWith) {
        for (Keyspace.ModificationListener l : listeners) {
            l.databaseReplacing(db, replacedWith);
        }
    }

    @Override
    public void expired(int db, byte[] key) {
        for (Keyspace.ModificationListener l : listeners) {
            l.expired(db, key);
        }
    }

    @Override
    public void databaseChanged(int db) {
        for (Keyspace.ModificationListener l : listeners) {
            l.databaseChanged(db);
        }
    }
}
