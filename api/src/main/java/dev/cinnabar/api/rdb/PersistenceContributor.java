package dev.cinnabar.api.rdb;

import dev.cinnabar.api.command.CommandContext;

import java.util.Set;
import java.util.function.Consumer;

/**
 * State of a plugin that is saved and loaded with the dataset, as Redis saves its function
 * libraries: records of its own types in snapshots, and the commands that rebuild it in a
 * rewritten append-only file. Registered with
 * {@link dev.cinnabar.api.command.CommandRegistrar#persistence}; the kernel's persistence calls it
 * on the executor.
 */
public interface PersistenceContributor {

    /** The RDB record types (opcodes) this state is written as, e.g. {@link RdbWriter#OPCODE_FUNCTION2}. */
    Set<Integer> recordTypes();

    /** Writes the state into a snapshot: for each record its type byte, then its body. */
    void save(RdbWriter out);

    /** Drops the state before a snapshot replaces it. */
    void clear();

    /**
     * Reads one record of one of {@link #recordTypes()} (its type byte already read) and adds it to
     * the state.
     *
     * @throws RdbReader.Malformed when the record cannot be read or applied; the message says why
     */
    void load(CommandContext ctx, int type, RdbReader in) throws RdbReader.Malformed;

    /** The commands an append-only file rewrite writes to rebuild the state, in order. */
    void rewrite(Consumer<byte[][]> commands);
}
