package dev.cinnabar.commands.hyperloglog;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * PFDEBUG GETREG|DECODE|ENCODING|TODENSE key. As in Redis, the key is looked up and checked
 * before the subcommand is even read, so a missing key wins over an unknown subcommand.
 */
final class PfDebugCommand {

    private PfDebugCommand() {
    }

    static void execute(CommandContext ctx, Arguments args, ReplySink reply) {
        // Redis compares and echoes the subcommand as a C string: it ends at a NUL byte
        String cmd = cString(args.string(1));
        Database db = ctx.db();
        byte[] key = args.get(2);
        RedisValue o = db.lookupWrite(key);
        if (o == null) {
            reply.error(HllErrors.NO_SUCH_KEY);
            return;
        }
        StringValue value = Hll.validate(o);
        Hll.unshare(value);
        Hll hll = Hll.of(value);
        switch (cmd.toLowerCase(Locale.ROOT)) {
            case "getreg" -> {
                if (args.count() != 3) {
                    reply.error(HllErrors.subcommandArity(cmd));
                    return;
                }
                if (!hll.isDense()) {
                    if (!hll.toDense()) {
                        reply.error(HllErrors.CORRUPTED);
                        return;
                    }
                    hll.store(db, key, value);
                    ctx.countChanges(1); // Redis counts the encoding change, to propagate it
                }
                reply.array(Hll.REGISTERS);
                for (int j = 0; j < Hll.REGISTERS; j++) {
                    reply.integer(DenseRegisters.get(hll.bytes, j));
                }
            }
            case "decode" -> {
                if (args.count() != 3) {
                    reply.error(HllErrors.subcommandArity(cmd));
                    return;
                }
                if (hll.isDense()) {
                    reply.error(HllErrors.NOT_SPARSE);
                    return;
                }
                reply.bulk(SparseRegisters.decode(hll).getBytes(StandardCharsets.US_ASCII));
            }
            case "encoding" -> {
                if (args.count() != 3) {
                    reply.error(HllErrors.subcommandArity(cmd));
                    return;
                }
                reply.simple(hll.isDense() ? "dense" : "sparse");
            }
            case "todense" -> {
                if (args.count() != 3) {
                    reply.error(HllErrors.subcommandArity(cmd));
                    return;
                }
                boolean converted = false;
                if (!hll.isDense()) {
                    if (!hll.toDense()) {
                        reply.error(HllErrors.CORRUPTED);
                        return;
                    }
                    hll.store(db, key, value);
                    ctx.countChanges(1); // Redis counts the encoding change, to propagate it
                    converted = true;
                }
                reply.integer(converted ? 1 : 0);
            }
            default -> reply.error(HllErrors.unknownSubcommand(cmd));
        }
    }

    private static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
