package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.KeyspaceEvents;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.keyspace.KernelDatabase;
import dev.cinnabar.kernel.persistence.Persistence;

/**
 * DUMP, RESTORE, SAVE, LASTSAVE and BGSAVE ({@code cluster.c}, {@code rdb.c}). DUMP payloads are
 * the value's RDB record (type byte and value, no key) with the {@code DUMP} trailer, exactly the
 * bytes Redis 7.0 produces for the same value and encoding.
 */
final class PersistenceCommands {

    static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
    static final String BAD_DATA = "ERR Bad data format";
    static final String BUSYKEY = "BUSYKEY Target key name already exists.";

    private final Server server;

    PersistenceCommands(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("dump", this::dump);
        r.redisCommand("restore", this::restore);
        r.redisCommand("save", this::save);
        r.redisCommand("lastsave", (ctx, args, reply) -> reply.integer(server.persistence().lastSaveSeconds()));
        r.redisCommand("bgsave", this::bgsave);
        r.redisCommand("bgrewriteaof", this::bgrewriteaof);
    }

    private void dump(CommandContext ctx, Arguments args, ReplySink reply) {
        RedisValue v = ctx.db().lookupRead(args.get(1));
        if (v == null) {
            reply.nullBulk();
            return;
        }
        reply.bulk(payload(server.persistence(), server.config(), v));
    }

    /** {@code createDumpPayload}. */
    static byte[] payload(Persistence p, dev.cinnabar.api.config.ConfigView config, RedisValue v) {
        RdbValueCodec codec = p.codecs().forValue(v);
        if (codec == null) {
            throw new CommandException("ERR DUMP is not supported for values of this type");
        }
        RdbWriter w = new RdbWriter(64);
        w.type(codec.type(v));
        codec.write(v, w, config.getBoolean("rdbcompression"), config);
        return w.finishDump();
    }

    private void restore(CommandContext ctx, Arguments args, ReplySink reply) {
        boolean replace = false, absTtl = false;
        long idle = -1, freq = -1;
        int argc = args.count();
        for (int j = 4; j < argc; j++) {
            int additional = argc - j - 1;
            if (args.is(j, "replace")) {
                replace = true;
            } else if (args.is(j, "absttl")) {
                absTtl = true;
            } else if (args.is(j, "idletime") && additional >= 1 && freq == -1) {
                idle = args.longValue(j + 1);
                if (idle < 0) {
                    throw new CommandException("ERR Invalid IDLETIME value, must be >= 0");
                }
                j++;
            } else if (args.is(j, "freq") && additional >= 1 && idle == -1) {
                freq = args.longValue(j + 1);
                if (freq < 0 || freq > 255) {
                    throw new CommandException("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
                j++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        byte[] key = args.get(1);
        KernelDatabase db = (KernelDatabase) ctx.db();
        if (!replace && db.lookupWrite(key) != null) {
            throw new CommandException(BUSYKEY);
        }
        long ttl = args.longValue(2);
        if (ttl < 0) {
            throw new CommandException("ERR Invalid TTL value, must be >= 0");
        }
        byte[] payload = args.get(3);
        if (RdbReader.verifyDump(payload) < 0) {
            throw new CommandException(BAD_PAYLOAD);
        }
        RedisValue value = read(server.persistence(), server.config(), payload);
        if (value == null) {
            throw new CommandException(BAD_DATA);
        }
        boolean deleted = replace && db.delete(key);
        if (ttl > 0 && !absTtl) {
            ttl += ctx.now();
        }
        if (ttl > 0 && ttl <= ctx.now()) {
            if (deleted) {
                ctx.db().notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            }
            reply.ok();
            return;
        }
        if (ttl > 0) {
            db.set(key, value, ttl);
        } else {
            db.set(key, value);
        }
        db.setAccess(key, idle, (int) freq);
        ctx.countChanges(1); // restoreCommand: server.dirty++, the replaced key's deletion included
        ctx.db().notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "restore", key);
        reply.ok();
    }

    /** The value of a verified payload, or null when the body is not a valid value ("Bad data format"). */
    static RedisValue read(Persistence p, dev.cinnabar.api.config.ConfigView config, byte[] payload) {
        try {
            RdbReader in = new RdbReader(payload, 0, payload.length);
            int type = in.type();
            RdbValueCodec codec = p.codecs().forType(type);
            if (codec == null) {
                return null;
            }
            return codec.read(type, in, config);
        } catch (RdbReader.Malformed | RuntimeException e) {
            return null;
        }
    }

    private void save(CommandContext ctx, Arguments args, ReplySink reply) {
        if (server.persistence().backgroundSaveInProgress()) {
            throw new CommandException("ERR Background save already in progress");
        }
        server.persistence().countSave();
        if (!server.persistence().save()) {
            throw new CommandException("ERR");
        }
        reply.ok();
    }

    /** BGSAVE [SCHEDULE]: see {@link Persistence#startBackgroundSave()} for how it works without fork. */
    private void bgsave(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() > 2 || (args.count() == 2 && !args.is(1, "schedule"))) {
            throw new CommandException(Errors.SYNTAX);
        }
        if (server.persistence().backgroundSaveInProgress()) {
            throw new CommandException("ERR Background save already in progress");
        }
        if (server.aof().rewriteInProgress()) {
            if (args.count() == 2) {
                server.persistence().scheduleBackgroundSave();
                reply.simple("Background saving scheduled");
                return;
            }
            throw new CommandException("ERR Another child process is active (AOF?): can't BGSAVE right now. "
                    + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
        }
        if (((dev.cinnabar.kernel.exec.ClientContext) ctx).connection().transaction().active()) {
            // server.in_exec: the save starts from the cron once the transaction is over
            server.persistence().scheduleBackgroundSave();
            reply.simple("Background saving scheduled");
            return;
        }
        server.persistence().startBackgroundSave();
        reply.simple("Background saving started");
    }

    /** BGREWRITEAOF: see {@link dev.cinnabar.kernel.aof.AppendOnlyFile#startRewrite()}. */
    private void bgrewriteaof(CommandContext ctx, Arguments args, ReplySink reply) {
        var aof = server.aof();
        if (aof.rewriteInProgress()) {
            throw new CommandException("ERR Background append only file rewriting already in progress");
        }
        if (server.persistence().backgroundSaveInProgress()
                || ((dev.cinnabar.kernel.exec.ClientContext) ctx).connection().transaction().active()) {
            aof.scheduleRewrite();
            reply.simple("Background append only file rewriting scheduled");
            return;
        }
        if (!aof.startRewrite()) {
            throw new CommandException("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");
        }
        reply.simple("Background append only file rewriting started");
    }
}
