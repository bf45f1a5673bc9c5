package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.reply.ReplySink;


/**
 * OBJECT ENCODING|REFCOUNT|IDLETIME|FREQ|HELP ({@code object.c objectCommand}). Lookups neither
 * touch the key's access time nor its access frequency; a missing key is a null reply.
 */
final class ObjectCommand {

    /** Redis's OBJ_SHARED_INTEGERS: values 0..9999 share preallocated objects. */
    private static final long SHARED_INTEGERS = 10000;
    /** The refcount Redis gives shared objects (OBJ_SHARED_REFCOUNT = INT_MAX). */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;

    private static final String[] HELP = {
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>."};

    private ObjectCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("object|help", ObjectCommand::help);
        r.redisCommand("object|encoding", ObjectCommand::encoding);
        r.redisCommand("object|refcount", ObjectCommand::refcount);
        r.redisCommand("object|idletime", ObjectCommand::idletime);
        r.redisCommand("object|freq", ObjectCommand::freq);
    }

    private static void help(CommandContext ctx, Arguments args, ReplySink reply) {
        HelpReply.write(reply, "OBJECT", HELP);
    }

    private static void encoding(CommandContext ctx, Arguments args, ReplySink reply) {
        RedisValue v = ctx.db().lookupReadNoTouch(args.get(2));
        if (v == null) {
            reply.nullBulk();
        } else {
            reply.bulk(v.encoding());
        }
    }

    private static void refcount(CommandContext ctx, Arguments args, ReplySink reply) {
        RedisValue v = ctx.db().lookupReadNoTouch(args.get(2));
        if (v == null) {
            reply.nullBulk();
        } else {
            reply.integer(isShared(v, ctx.config()) ? SHARED_REFCOUNT : 1);
        }
    }

    /**
     * Whether Redis would hold this value as one of its shared integers: an int-encoded string in
     * 0..9999, unless maxmemory is set with an LRU or LFU policy (those need a per-object access
     * field). Redis decides when the value is created; we decide when asked, which differs only
     * if the policy changed in between, and for COPY of a shared integer (Redis's copy is
     * unshared).
     */
    private static boolean isShared(RedisValue v, ConfigView config) {
        if (!(v instanceof StringValue s) || !s.isIntEncoded()) {
            return false;
        }
        if (config.getLong("maxmemory") != 0 && MaxmemoryPolicy.tracksAccess(config)) {
            return false;
        }
        long n = Numbers.parseLong(s.array(), 0, s.length());
        return n >= 0 && n < SHARED_INTEGERS;
    }

    private static void idletime(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] key = args.get(2);
        if (ctx.db().lookupReadNoTouch(key) == null) {
            reply.nullBulk();
            return;
        }
        if (MaxmemoryPolicy.isLfu(ctx.config())) {
            throw new CommandException(KeyErrors.LFU_SELECTED);
        }
        reply.integer(ctx.db().idleMillis(key) / 1000);
    }

    private static void freq(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] key = args.get(2);
        if (ctx.db().lookupReadNoTouch(key) == null) {
            reply.nullBulk();
            return;
        }
        if (!MaxmemoryPolicy.isLfu(ctx.config())) {
            throw new CommandException(KeyErrors.LFU_NOT_SELECTED);
        }
        reply.integer(ctx.db().accessFrequency(key));
    }
}
