package dev.cinnabar.functions;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.rdb.PersistenceContributor;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.api.script.ScriptException;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The libraries as Redis persists them: in a snapshot one {@code FUNCTION2} record per library
 * (its code as an RDB string, as in FUNCTION DUMP); in a rewritten append-only file one
 * {@code FUNCTION LOAD <code>} per library ({@code rewriteFunctions}). Loading a snapshot record
 * creates the library without a time limit, as Redis's {@code rdbFunctionLoad} does.
 */
final class FunctionsPersistence implements PersistenceContributor {

    private static final byte[] FUNCTION = "FUNCTION".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOAD = "LOAD".getBytes(StandardCharsets.US_ASCII);

    private final FunctionRegistry registry;

    FunctionsPersistence(FunctionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Set<Integer> recordTypes() {
        return Set.of(RdbWriter.OPCODE_FUNCTION2, RdbWriter.OPCODE_FUNCTION_PRE_GA);
    }

    @Override
    public void save(RdbWriter out) {
        for (Library lib : registry.current().all()) {
            out.type(RdbWriter.OPCODE_FUNCTION2);
            out.string(lib.code(), true);
        }
    }

    @Override
    public void clear() {
        registry.flush();
    }

    @Override
    public void load(CommandContext ctx, int type, RdbReader in) throws RdbReader.Malformed {
        try {
            byte[] code = type == RdbWriter.OPCODE_FUNCTION_PRE_GA ? FunctionDump.preGa(in) : in.string();
            registry.create(ctx, code, registry.current(), false, 0);
        } catch (ScriptException e) {
            throw new RdbReader.Malformed("Failed loading library: " + e.errorText());
        }
    }

    @Override
    public void rewrite(Consumer<byte[][]> commands) {
        for (Library lib : registry.current().all()) {
            commands.accept(new byte[][] {FUNCTION, LOAD, lib.code()});
        }
    }
}
