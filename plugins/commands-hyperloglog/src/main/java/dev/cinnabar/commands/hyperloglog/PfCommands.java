package dev.cinnabar.commands.hyperloglog;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** PFADD, PFCOUNT and PFMERGE, with Redis's side effects on the stored bytes. */
final class PfCommands {

    private PfCommands() {
    }

    static final String SPARSE_MAX_BYTES = "hll-sparse-max-bytes";

    /** PFADD key [element ...]: 1 when the key was created or a register grew. */
    static void pfadd(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        byte[] key = args.get(1);
        RedisValue existing = db.lookupWrite(key);
        StringValue value = null;
        Hll hll;
        int updated = 0;
        if (existing == null) {
            hll = Hll.createSparse();
            updated++;
        } else {
            value = Hll.validate(existing);
            Hll.unshare(value);
            hll = Hll.of(value);
        }
        long maxBytes = ctx.config().getLong(SPARSE_MAX_BYTES);
        boolean corrupted = false;
        for (int j = 2; j < args.count(); j++) {
            int r = hll.add(args.get(j), maxBytes);
            if (r == 1) {
                updated++;
            } else if (r < 0) {
                corrupted = true;
                break;
            }
        }
        if (!corrupted && updated > 0) {
            hll.invalidateCache();
        }
        // Redis keeps what the elements before a corrupted region changed
        hll.store(db, key, value);
        if (corrupted) {
            ctx.countChanges(0); // Redis returns before it counts anything
            reply.error(HllErrors.CORRUPTED);
            return;
        }
        if (updated > 0 && value != null) {
            db.modified(key);
        }
        // pfaddCommand: server.dirty += updated, one for a new key plus one per register raised
        ctx.countChanges(updated);
        if (updated > 0) {
            db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "pfadd", key);
        }
        reply.integer(updated > 0 ? 1 : 0);
    }

    /**
     * PFCOUNT key [key ...]. One key: the cached estimate, or a fresh one written to the cache (a
     * write, though the command is read-only, as in Redis). Several keys: the estimate of their
     * union, computed on one register per byte; nothing is cached.
     */
    static void pfcount(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        if (args.count() > 2) {
            byte[] max = new byte[Hll.REGISTERS];
            for (int j = 1; j < args.count(); j++) {
                RedisValue o = db.lookupRead(args.get(j));
                if (o == null) {
                    continue;
                }
                if (!Hll.of(Hll.validate(o)).mergeInto(max)) {
                    reply.error(HllErrors.CORRUPTED);
                    return;
                }
            }
            reply.integer(Hll.countRaw(max));
            return;
        }
        byte[] key = args.get(1);
        RedisValue o = db.lookupRead(key);
        if (o == null) {
            reply.integer(0);
            return;
        }
        StringValue value = Hll.validate(o);
        Hll.unshare(value);
        Hll hll = Hll.of(value);
        if (hll.cacheValid()) {
            reply.integer(hll.cachedCardinality());
            return;
        }
        long card = hll.count();
        if (card < 0) {
            reply.error(HllErrors.CORRUPTED);
            return;
        }
        hll.cacheCardinality(card);
        db.modified(key);
        reply.integer(card);
    }

    /**
     * PFMERGE destkey [sourcekey ...]: the destination (itself one of the sources) gets the
     * register-wise maximum, dense when any source is dense, else sparse until it outgrows
     * {@code hll-sparse-max-bytes}.
     */
    static void pfmerge(CommandContext ctx, Arguments args, ReplySink reply) {
        Database db = ctx.db();
        byte[] max = new byte[Hll.REGISTERS];
        boolean useDense = false;
        for (int j = 1; j < args.count(); j++) {
            RedisValue o = db.lookupRead(args.get(j));
            if (o == null) {
                continue;
            }
            Hll source = Hll.of(Hll.validate(o));
            if (source.isDense()) {
                useDense = true;
            }
            if (!source.mergeInto(max)) {
                reply.error(HllErrors.CORRUPTED);
                return;
            }
        }
        byte[] key = args.get(1);
        RedisValue existing = db.lookupWrite(key);
        StringValue value = null;
        Hll hll;
        if (existing == null) {
            hll = Hll.createSparse();
        } else {
            // validated above as one of the sources
            value = (StringValue) existing;
            Hll.unshare(value);
            hll = Hll.of(value);
        }
        if (useDense && !hll.toDense()) {
            hll.store(db, key, value);
            ctx.countChanges(0); // Redis returns before it counts anything
            reply.error(HllErrors.CORRUPTED);
            return;
        }
        long maxBytes = ctx.config().getLong(SPARSE_MAX_BYTES);
        for (int j = 0; j < Hll.REGISTERS; j++) {
            if (max[j] != 0) {
                // as in Redis, a corrupted sparse destination is not reported here
                hll.set(j, max[j] & 0xff, maxBytes);
            }
        }
        hll.invalidateCache();
        hll.store(db, key, value);
        if (value != null) {
            db.modified(key);
        }
        ctx.countChanges(1); // pfmergeCommand: server.dirty++, whatever changed
        // Redis 7.0's PFMERGE announces itself as "pfadd"
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "pfadd", key);
        reply.ok();
    }
}
