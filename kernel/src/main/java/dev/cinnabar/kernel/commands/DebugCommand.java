package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.Errors;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.config.MemorySize;
import dev.cinnabar.kernel.keyspace.KernelDatabase;
import dev.cinnabar.kernel.keyspace.KeyTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * DEBUG ({@code debug.c}): one command that parses its subcommand itself; a subcommand given
 * the wrong number of arguments gets the same error as an unknown one, as in Redis. Access is
 * gated by {@code enable-debug-command} in the dispatcher.
 */
final class DebugCommand {

    private static final Logger LOG = LoggerFactory.getLogger(DebugCommand.class);

    private static final String[] HELP = {
                "AOF-FLUSH-SLEEP <microsec>",
                "    Server will sleep before flushing the AOF, this is used for testing.",
                "ASSERT",
                "    Crash by assertion failed.",
                "CHANGE-REPL-ID",
                "    Change the replication IDs of the instance.",
                "    Dangerous: should be used only for testing the replication subsystem.",
                "CONFIG-REWRITE-FORCE-ALL",
                "    Like CONFIG REWRITE but writes all configuration options, including",
                "    keywords not listed in original configuration file or default values.",
                "CRASH-AND-RECOVER [<milliseconds>]",
                "    Hard crash and restart after a <milliseconds> delay (default 0).",
                "DIGEST",
                "    Output a hex signature representing the current DB content.",
                "DIGEST-VALUE <key> [<key> ...]",
                "    Output a hex signature of the values of all the specified keys.",
                "ERROR <string>",
                "    Return a Redis protocol error with <string> as message. Useful for clients",
                "    unit tests to simulate Redis errors.",
                "LEAK <string>",
                "    Create a memory leak of the input string.",
                "LOG <message>",
                "    Write <message> to the server log.",
                "HTSTATS <dbid>",
                "    Return hash table statistics of the specified Redis database.",
                "HTSTATS-KEY <key>",
                "    Like HTSTATS but for the hash table stored at <key>'s value.",
                "LOADAOF",
                "    Flush the AOF buffers on disk and reload the AOF in memory.",
                "REPLICATE <string>",
                "    Replicates the provided string to replicas, allowing data divergence.",
                "MALLCTL <key> [<val>]",
                "    Get or set a malloc tuning integer.",
                "MALLCTL-STR <key> [<val>]",
                "    Get or set a malloc tuning string.",
                "OBJECT <key>",
                "    Show low level info about `key` and associated value.",
                "DROP-CLUSTER-PACKET-FILTER <packet-type>",
                "    Drop all packets that match the filtered type. Set to -1 allow all packets.",
                "OOM",
                "    Crash the server simulating an out-of-memory error.",
                "PANIC",
                "    Crash the server simulating a panic.",
                "POPULATE <count> [<prefix>] [<size>]",
                "    Create <count> string keys named key:<num>. If <prefix> is specified then",
                "    it is used instead of the 'key' prefix. These are not propagated to",
                "    replicas. Cluster slots are not respected so keys not belonging to the",
                "    current node can be created in cluster mode.",
                "PROTOCOL <type>",
                "    Reply with a test value of the specified type. <type> can be: string,",
                "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
                "    true, false.",
                "RELOAD [option ...]",
                "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
                "    * MERGE: conflicting keys will be loaded from RDB.",
                "    * NOFLUSH: the existing database will not be removed before load, but",
                "      conflicting keys will generate an exception and kill the server.",
                "    * NOSAVE: the database will be loaded from an existing RDB file.",
                "    Examples:",
                "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
                "      the database.",
                "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
                "      existing RDB file.",
                "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
                "      file to the database.",
                "RESTART [<milliseconds>]",
                "    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).",
                "SDSLEN <key>",
                "    Show low level SDS string info representing `key` and value.",
                "SEGFAULT",
                "    Crash the server with sigsegv.",
                "SET-ACTIVE-EXPIRE <0|1>",
                "    Setting it to 0 disables expiring keys in background when they are not",
                "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
                "    default.",
                "QUICKLIST-PACKED-THRESHOLD <size>",
                "    Sets the threshold for elements to be inserted as plain vs packed nodes",
                "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
                "SET-SKIP-CHECKSUM-VALIDATION <0|1>",
                "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
                "SLEEP <seconds>",
                "    Stop the server for <seconds>. Decimals allowed.",
                "STRINGMATCH-TEST",
                "    Run a fuzz tester against the stringmatchlen() function.",
                "STRUCTSIZE",
                "    Return the size of different Redis core C structures.",
                "LISTPACK <key>",
                "    Show low level info about the listpack encoding of <key>.",
                "QUICKLIST <key> [<0|1>]",
                "    Show low level info about the quicklist encoding of <key>.",
                "    The optional argument (0 by default) sets the level of detail",
                "CLIENT-EVICTION",
                "    Show low level client eviction pools info (maxmemory-clients).",
                "PAUSE-CRON <0|1>",
                "    Stop periodic cron job processing.",
                "REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>",
                "    Sets the time (in milliseconds) to wait between client reply buffer peak resets.",
                "    In case NEVER is provided the last observed peak will never be reset",
                "    In case RESET is provided the peak reset time will be restored to the default value",
                "REPLYBUFFER RESIZING <0|1>",
                "    Enable or disable the reply buffer resize cron job",
                "CLUSTERLINK KILL <to|from|all> <node-id>",
                "    Kills the link based on the direction to/from (both) with the provided node."
    };

    private final Server server;
    private volatile long quicklistPackedThreshold = 1L << 30;
    private volatile boolean skipChecksumValidation;
    private volatile boolean disableDenyScripts;

    DebugCommand(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("debug", this::debug);
    }

    /** The size above which list elements are stored as plain nodes (DEBUG QUICKLIST-PACKED-THRESHOLD). */
    long quicklistPackedThreshold() {
        return quicklistPackedThreshold;
    }

    boolean skipChecksumValidation() {
        return skipChecksumValidation;
    }

    boolean disableDenyScripts() {
        return disableDenyScripts;
    }

    private void debug(CommandContext ctx, Arguments args, ReplySink reply) {
        String sub = args.string(1).toLowerCase(Locale.ROOT);
        int argc = args.count();
        switch (sub) {
            case "help" -> {
                if (argc == 2) {
                    HelpReply.write(reply, "DEBUG", HELP);
                    return;
                }
            }
            case "sleep" -> {
                if (argc == 3) {
                    sleep(args.string(2));
                    reply.ok();
                    return;
                }
            }
            case "set-active-expire" -> {
                if (argc == 3) {
                    server.activeExpire().enabled(atoi(args.string(2)) != 0);
                    reply.ok();
                    return;
                }
            }
            case "object" -> {
                if (argc == 3) {
                    object(ctx, args.get(2), reply);
                    return;
                }
            }
            case "populate" -> {
                if (argc >= 3 && argc <= 5) {
                    populate(ctx, args, reply);
                    return;
                }
            }
            case "digest" -> {
                if (argc == 2) {
                    reply.simple(DatasetDigest.ofDataset(server.keyspace(), ctx.now()));
                    return;
                }
            }
            case "digest-value" -> {
                if (argc >= 2) {
                    reply.array(argc - 2);
                    for (int i = 2; i < argc; i++) {
                        KeyTable.Entry e = ((KernelDatabase) ctx.db()).entry(args.get(i));
                        reply.simple(e == null ? DatasetDigest.ofValue(null, -1) : DatasetDigest.ofValue(e.value(), e.expireAt()));
                    }
                    return;
                }
            }
            case "protocol" -> {
                if (argc == 3) {
                    DebugProtocol.write(args.string(2), reply);
                    return;
                }
            }
            case "change-repl-id" -> {
                if (argc == 2) {
                    server.changeReplicationId();
                    reply.ok();
                    return;
                }
            }
            case "quicklist-packed-threshold" -> {
                if (argc == 3) {
                    long size = MemorySize.parse(args.string(2));
                    if (size < 0 || size > 1L << 32) {
                        throw new CommandException("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
                    }
                    quicklistPackedThreshold = size == 0 ? 1L << 30 : size;
                    reply.ok();
                    return;
                }
            }
            case "set-skip-checksum-validation" -> {
                if (argc == 3) {
                    skipChecksumValidation = atoi(args.string(2)) != 0;
                    reply.ok();
                    return;
                }
            }
            case "set-disable-deny-scripts" -> {
                if (argc == 3) {
                    disableDenyScripts = atoi(args.string(2)) != 0;
                    reply.ok();
                    return;
                }
            }
            case "log" -> {
                if (argc == 3) {
                    LOG.warn("DEBUG LOG: {}", new String(args.get(2), StandardCharsets.UTF_8));
                    reply.ok();
                    return;
                }
            }
            case "error" -> {
                if (argc == 3) {
                    reply.error(args.string(2)); // sent as given, code included
                    return;
                }
            }
            case "stringmatch-test" -> {
                if (argc == 2) {
                    reply.simple("Apparently Redis did not crash: test passed");
                    return;
                }
            }
            // switches for machinery Cinnabar does not have (cron pausing, AOF, reply buffers,
            // replication stream): accepted as Redis accepts them
            case "pause-cron", "aof-flush-sleep" -> {
                if (argc == 3) {
                    reply.ok();
                    return;
                }
            }
            case "replybuffer" -> {
                if (argc == 4) {
                    reply.ok();
                    return;
                }
            }
            case "replicate" -> {
                if (argc >= 3) {
                    reply.ok();
                    return;
                }
            }
            case "config-rewrite-force-all" -> {
                if (argc == 2) {
                    if (server.config().configFile() == null) {
                        throw new CommandException("ERR CONFIG-REWRITE-FORCE-ALL failed: The server is running without a config file");
                    }
                    try {
                        ConfigRewriter.rewrite(server.config());
                    } catch (java.io.IOException e) {
                        throw new CommandException("ERR CONFIG-REWRITE-FORCE-ALL failed: " + e.getMessage());
                    }
                    reply.ok();
                    return;
                }
            }
            case "reload" -> {
                if (argc >= 2) {
                    for (int i = 2; i < argc; i++) {
                        if (!args.is(i, "merge") && !args.is(i, "noflush") && !args.is(i, "nosave")) {
                            throw new CommandException("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
                        }
                    }
                    reload(ctx, hasOption(args, "merge"), hasOption(args, "noflush"),
                            hasOption(args, "nosave"));
                    reply.ok();
                    return;
                }
            }
            case "loadaof" -> {
                if (argc == 2) {
                    if (!server.aof().on()) {
                        // Redis empties the dataset, finds no AOF and exits; here nothing changes
                        throw new CommandException("ERR DEBUG LOADAOF needs appendonly yes: there is no AOF to load");
                    }
                    server.loading().beginFor(callerChannel(ctx), server.datasetBytes());
                    try {
                        server.aof().reload();
                        dev.cinnabar.kernel.persistence.YoungGenerationFlush.afterBulkLoad();
                    } catch (java.io.IOException | IllegalStateException e) {
                        org.slf4j.LoggerFactory.getLogger(DebugCommand.class).warn("{}", e.getMessage());
                        Runtime.getRuntime().halt(1);
                    } finally {
                        server.loading().end();
                    }
                    org.slf4j.LoggerFactory.getLogger(DebugCommand.class).info("Append Only File loaded by DEBUG LOADAOF");
                    reply.ok();
                    return;
                }
            }
            default -> {
            }
        }
        throw new CommandException("ERR unknown subcommand or wrong number of arguments for '"
                + args.string(1) + "'. Try DEBUG HELP.");
    }

    private static boolean hasOption(Arguments args, String option) {
        for (int i = 2; i < args.count(); i++) {
            if (args.is(i, option)) {
                return true;
            }
        }
        return false;
    }

    /**
     * DEBUG RELOAD: SAVE (unless NOSAVE), empty data and functions (unless NOFLUSH), load the
     * file back (MERGE: keys present are replaced). A failed load leaves what was loaded so far.
     */
    private void reload(CommandContext ctx, boolean merge, boolean noFlush, boolean noSave) {
        var p = server.persistence();
        if (!noSave && !p.save()) {
            throw new CommandException("ERR");
        }
        if (!noFlush) {
            p.emptyAll();
        }
        long size;
        try {
            size = java.nio.file.Files.size(p.file());
        } catch (java.io.IOException e) {
            size = 0;
        }
        // as Redis's rdbLoad: the others are answered -LOADING while it loads
        server.loading().beginFor(callerChannel(ctx), size);
        try {
            p.load(false, merge);
            dev.cinnabar.kernel.persistence.YoungGenerationFlush.afterBulkLoad();
        } catch (java.io.IOException | dev.cinnabar.api.rdb.RdbReader.Malformed e) {
            LOG.warn("Error trying to load the RDB dump: {}", e.getMessage());
            throw new CommandException("ERR Error trying to load the RDB dump");
        } finally {
            server.loading().end();
        }
        LOG.info("DB reloaded by DEBUG RELOAD");
    }

    /** The connection of the client running {@code ctx}'s command, or null (no network client). */
    private static io.netty.channel.Channel callerChannel(CommandContext ctx) {
        if (ctx instanceof dev.cinnabar.kernel.exec.ClientContext c) {
            return c.connection().channel();
        }
        return null;
    }

    /** Blocks the executor, and with it the whole server, as Redis's DEBUG SLEEP does. */
    private static void sleep(String seconds) {
        double d;
        try {
            d = Double.parseDouble(seconds.trim());
        } catch (NumberFormatException e) {
            d = 0; // strtod: not a number means 0
        }
        long nanos = (long) (d * 1e9);
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** C's atoi: optional sign and leading digits, 0 otherwise. */
    static long atoi(String s) {
        String t = s.stripLeading();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 18) {
            i++;
        }
        return i == start ? 0 : Long.parseLong(t.substring(0, i));
    }

    private void object(CommandContext ctx, byte[] key, ReplySink reply) {
        KeyTable.Entry e = ((KernelDatabase) ctx.db()).entry(key);
        if (e == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        long nowSeconds = System.currentTimeMillis() / 1000;
        int lruClock = (int) (e.lruSeconds() & ((1 << 24) - 1));
        boolean shared = e.value() instanceof StringValue s && s.isIntEncoded() && isSharedInteger(s);
        // Java has no addresses: a stable identity hash stands in for the pointer
        String address = "0x7f" + String.format("%010x", System.identityHashCode(e.value()) & 0xffffffffL);
        reply.simple("Value at:" + address + " refcount:" + (shared ? Integer.MAX_VALUE : 1)
                + " encoding:" + e.value().encoding() + " serializedlength:" + serializedLength(e.value())
                + " lru:" + lruClock + " lru_seconds_idle:" + Math.max(0, nowSeconds - e.lruSeconds()));
    }

    /** Redis shares the objects of the integers 0..9999. */
    private static boolean isSharedInteger(StringValue s) {
        long v = Long.parseLong(s.toString());
        return v >= 0 && v < 10000;
    }

    /** An estimate of the RDB length, as {@code rdbSavedObjectLen} counts it for strings. */
    private static long serializedLength(dev.cinnabar.api.keyspace.RedisValue v) {
        if (v instanceof StringValue s) {
            if (s.isIntEncoded()) {
                long n = Long.parseLong(s.toString());
                if (n >= Byte.MIN_VALUE && n <= Byte.MAX_VALUE) {
                    return 2;
                }
                if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
                    return 3;
                }
                if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                    return 5;
                }
            }
            return lengthPrefix(s.length()) + s.length();
        }
        return v.memoryUsage();
    }

    private static int lengthPrefix(long len) {
        return len < 64 ? 1 : len < 16384 ? 2 : len <= 0xffffffffL ? 5 : 9;
    }

    /** DEBUG POPULATE count [prefix] [size]: {@code prefix:i} = {@code value:i}, cut or zero-padded to size. */
    private void populate(CommandContext ctx, Arguments args, ReplySink reply) {
        long count;
        try {
            count = dev.cinnabar.api.keyspace.Numbers.parseLong(args.get(2));
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0) {
            throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
        }
        byte[] prefix = args.count() > 3 ? args.get(3) : "key".getBytes(StandardCharsets.US_ASCII);
        long size = 0;
        if (args.count() > 4) {
            try {
                size = dev.cinnabar.api.keyspace.Numbers.parseLong(args.get(4));
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
            }
        }
        var db = ctx.db();
        for (long i = 0; i < count; i++) {
            byte[] suffix = (":" + i).getBytes(StandardCharsets.US_ASCII);
            byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
            System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
            if (db.peek(key) != null) {
                continue;
            }
            byte[] val = ("value:" + i).getBytes(StandardCharsets.US_ASCII);
            if (size > 0) {
                val = Arrays.copyOf(val, (int) size);
            }
            db.set(key, StringValue.created(val));
        }
        ctx.countChanges(0); // Redis's populate adds keys with dbAdd and counts no change
        if (count >= 65536) {
            dev.cinnabar.kernel.persistence.YoungGenerationFlush.afterBulkLoad(); // a bulk load too
        }
        reply.ok();
    }
}
