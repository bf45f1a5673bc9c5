package dev.cinnabar.kernel.aof;

import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.keyspace.Keyspace;
import dev.cinnabar.kernel.net.Client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Redis 7.0's {@code propagate}/{@code alsoPropagate}: decides what each executed command writes
 * to the AOF. A command is written when it counted changes (its share of {@code server.dirty},
 * see {@code Persistence}) or is one Redis always propagates; keys deleted because they expired
 * count nothing and are written as {@code DEL}/{@code UNLINK}, in the unit of the command that
 * found them, or alone when the active expiry cycle removed them. It is written in the form the
 * command stated through
 * {@code CommandContext.propagate}, else in the kernel's rewritten form for relative or
 * non-deterministic commands ({@link #rewrite}), else as sent. The commands of one execution unit
 * (a client command, with what EXEC or a script ran inside it) are written at its end, wrapped in
 * MULTI/EXEC when there are several. Executor thread only.
 */
public final class Propagator {

    private record Op(int db, byte[][] argv) {
    }

    private static final class Frame {
        long changesAtStart;
        List<byte[][]> override;
        byte[] firstKey;
    }

    private final Server server;
    private final AppendOnlyFile aof;
    private long changes;
    private ArrayDeque<Frame> frames = new ArrayDeque<>();
    private List<Op> pending = new ArrayList<>();

    public Propagator(Server server, AppendOnlyFile aof) {
        this.server = server;
        this.aof = aof;
        server.keyspace().addListener(new Keyspace.ModificationListener() {
            @Override
            public void modified(int db, byte[] key) {
                changes++;
                Frame f = frames.peek();
                if (f != null && f.firstKey == null) {
                    f.firstKey = key;
                }
            }

            @Override
            public void databaseReplacing(int db, int replacedWith) {
                changes++;
            }

            @Override
            public void expired(int db, byte[] key) {
                changes--;
                if (aof.enabled()) {
                    boolean lazy = server.config().getBoolean("lazyfree-lazy-expire");
                    byte[][] del = {ascii(lazy ? "UNLINK" : "DEL"), key};
                    if (frames.isEmpty()) {
                        aof.feed(db, del); // active expiry: a unit of its own
                    } else {
                        pending.add(new Op(db, del)); // found expired by a command: part of its unit
                    }
                }
            }
        });
    }

    /** Before a command runs (any nesting). */
    public void enter() {
        Frame f = new Frame();
        f.changesAtStart = changes;
        frames.push(f);
    }

    /** The running command states its propagated form. */
    public void override(byte[][] argv) {
        Frame f = frames.peek();
        if (f == null) {
            return;
        }
        if (f.override == null) {
            f.override = new ArrayList<>(2);
        }
        f.override.add(argv);
    }

    /**
     * After a command ran: records what it propagates; at the end of a unit, writes it.
     * {@code dirty} is what the command itself counted as changes ({@code server.dirty}'s delta):
     * as Redis's {@code call()}, a command is written when that is above zero, so a write that
     * changed nothing (LTRIM keeping everything, SETBIT to the same bit) is not.
     */
    public void exit(Client client, RegisteredCommand cmd, byte[][] argv, boolean failed, long dirty) {
        Frame f = frames.pop();
        Frame outer = frames.peek();
        long own = dirty;
        if (aof.enabled() && !excludedByScript(client)) {
            int db = client.database();
            if (f.override != null) {
                for (byte[][] a : f.override) {
                    pending.add(new Op(db, a));
                }
            } else if ((own > 0 || (!failed && alwaysPropagated(cmd))) && !neverPropagated(cmd)) {
                List<byte[][]> rewritten = rewrite(cmd, argv, server.keyspace().db(db), f.firstKey, server.config().getBoolean("lazyfree-lazy-expire"));
                if (rewritten == null) {
                    pending.add(new Op(db, argv));
                } else {
                    for (byte[][] a : rewritten) {
                        pending.add(new Op(db, a));
                    }
                }
            }
        }
        if (outer == null) {
            endUnit();
        }
    }

    /** After a blocked command was offered a key: what it did is its own unit, written now. */
    public void exitServed(Client client, RegisteredCommand cmd, byte[][] argv) {
        Frame f = frames.pop();
        long own = changes - f.changesAtStart;
        if (aof.enabled() && cmd != null) {
            int db = client.database();
            if (f.override != null) {
                for (byte[][] a : f.override) {
                    pending.add(new Op(db, a));
                }
            } else if (own > 0) {
                List<byte[][]> rewritten = rewrite(cmd, argv, server.keyspace().db(db), f.firstKey, server.config().getBoolean("lazyfree-lazy-expire"));
                if (rewritten != null) {
                    for (byte[][] a : rewritten) {
                        pending.add(new Op(db, a));
                    }
                }
            }
        }
        if (frames.isEmpty()) {
            endUnit();
            aof.flush();
        }
    }

    private void endUnit() {
        if (pending.isEmpty()) {
            return;
        }
        List<Op> ops = pending;
        pending = new ArrayList<>();
        if (ops.size() == 1) {
            aof.feed(ops.get(0).db, ops.get(0).argv);
            return;
        }
        aof.feed(ops.get(0).db, new byte[][]{ascii("MULTI")});
        for (Op op : ops) {
            aof.feed(op.db, op.argv);
        }
        aof.feed(-1, new byte[][]{ascii("EXEC")});
    }

    /** A script ran {@code redis.set_repl} without {@code redis.REPL_AOF}. */
    private boolean excludedByScript(Client client) {
        return client.id() == -1 && server.scriptSession().active() && (server.scriptSession().replicationFlags() & 1) == 0;
    }

    /** Runs {@code r} as a separate unit (another client's command served from a busy script's poll). */
    public void aside(Runnable r) {
        ArrayDeque<Frame> savedFrames = frames;
        List<Op> savedPending = pending;
        frames = new ArrayDeque<>();
        pending = new ArrayList<>();
        try {
            r.run();
        } finally {
            frames = savedFrames;
            pending = savedPending;
        }
    }

    private static boolean alwaysPropagated(RegisteredCommand cmd) {
        String n = cmd.fullName();
        return switch (n) {
            case "flushall", "flushdb", "swapdb", "function|load", "function|delete", "function|flush",
                 "function|restore" -> true;
            default -> false;
        };
    }

    /** Commands whose effects are written by the commands they run (EXEC, scripts). */
    private static boolean neverPropagated(RegisteredCommand cmd) {
        return switch (cmd.fullName()) {
            case "exec", "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro", "multi" -> true;
            default -> false;
        };
    }

    // ---- rewrites Redis 7.0 applies before propagating

    static List<byte[][]> rewrite(RegisteredCommand cmd, byte[][] argv, Database db, byte[] poppedKey, boolean lazyExpire) {
        switch (cmd.fullName()) {
            case "blpop", "brpop", "bzpopmin", "bzpopmax" -> {
                if (poppedKey == null) {
                    return null;
                }
                String n = switch (cmd.fullName()) {
                    case "blpop" -> "LPOP";
                    case "brpop" -> "RPOP";
                    case "bzpopmin" -> "ZPOPMIN";
                    default -> "ZPOPMAX";
                };
                return one(new byte[][]{ascii(n), poppedKey});
            }
            case "blmove" -> {
                return one(new byte[][]{ascii("LMOVE"), argv[1], argv[2], argv[3], argv[4]});
            }
            case "brpoplpush" -> {
                return one(new byte[][]{ascii("RPOPLPUSH"), argv[1], argv[2]});
            }
            case "expire", "pexpire", "expireat", "pexpireat" -> {
                return one(absoluteExpire(argv[1], db, lazyExpire));
            }
            case "setex", "psetex" -> {
                return one(setPxat(argv[1], argv[3], db));
            }
            case "set" -> {
                boolean expire = false;
                int getAt = -1;
                for (int i = 3; i < argv.length; i++) {
                    String o = lower(argv[i]);
                    switch (o) {
                        case "ex", "px", "exat", "pxat" -> expire = true;
                        case "get" -> getAt = i;
                        default -> {
                        }
                    }
                }
                if (expire) {
                    long at = db.getExpire(argv[1]);
                    if (at >= 0) {
                        return one(setPxat(argv[1], argv[2], db));
                    }
                }
                if (getAt >= 0) {
                    byte[][] a = new byte[argv.length - 1][];
                    System.arraycopy(argv, 0, a, 0, getAt);
                    System.arraycopy(argv, getAt + 1, a, getAt, argv.length - getAt - 1);
                    return one(a);
                }
                return null;
            }
            case "getex" -> {
                for (int i = 2; i < argv.length; i++) {
                    String o = lower(argv[i]);
                    if (o.equals("persist")) {
                        return one(new byte[][]{ascii("PERSIST"), argv[1]});
                    }
                    if (o.equals("ex") || o.equals("px") || o.equals("exat") || o.equals("pxat")) {
                        return one(absoluteExpire(argv[1], db, lazyExpire));
                    }
                }
                return null;
            }
            case "getdel" -> {
                return one(new byte[][]{ascii("DEL"), argv[1]});
            }
            case "getset" -> {
                return one(new byte[][]{ascii("SET"), argv[1], argv[2]});
            }
            case "incrbyfloat" -> {
                RedisValue v = db.lookupReadNoTouch(argv[1]);
                if (v instanceof StringValue s) {
                    return one(new byte[][]{ascii("SET"), argv[1], s.toBytes(), ascii("KEEPTTL")});
                }
                return null;
            }
            case "restore" -> {
                long ttl;
                try {
                    ttl = Long.parseLong(new String(argv[2], StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    return null;
                }
                boolean abs = false;
                for (int i = 4; i < argv.length; i++) {
                    abs |= lower(argv[i]).equals("absttl");
                }
                long at = db.getExpire(argv[1]);
                if (ttl == 0 || abs || at < 0) {
                    return null;
                }
                byte[][] a = Arrays.copyOf(argv, argv.length + 1);
                a[2] = ascii(Long.toString(at));
                a[argv.length] = ascii("ABSTTL");
                return one(a);
            }
            default -> {
                return null;
            }
        }
    }

    private static List<byte[][]> one(byte[][] argv) {
        return java.util.Collections.singletonList(argv);
    }

    /** {@code PEXPIREAT} of the time the command set; a time already past deleted the key: DEL or UNLINK. */
    private static byte[][] absoluteExpire(byte[] key, Database db, boolean lazyExpire) {
        long at = db.getExpire(key);
        if (at >= 0) {
            return new byte[][]{ascii("PEXPIREAT"), key, ascii(Long.toString(at))};
        }
        return new byte[][]{ascii(lazyExpire ? "UNLINK" : "DEL"), key};
    }

    private static byte[][] setPxat(byte[] key, byte[] value, Database db) {
        long at = db.getExpire(key);
        return new byte[][]{ascii("SET"), key, value, ascii("PXAT"), ascii(Long.toString(at))};
    }

    private static String lower(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
