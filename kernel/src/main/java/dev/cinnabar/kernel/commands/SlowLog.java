package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.config.ConfigEntry;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.exec.CommandObserver;
import dev.cinnabar.kernel.net.Client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The slow log ({@code slowlog.c}): commands that ran for at least
 * {@code slowlog-log-slower-than} microseconds, newest first, at most {@code slowlog-max-len}
 * entries, and the SLOWLOG command that reads it.
 */
final class SlowLog implements CommandObserver {

    /** Redis keeps at most this many arguments per entry, the last one saying how many were left out. */
    private static final int MAX_ARGC = 32;
    /** Redis keeps at most this many bytes of each argument. */
    private static final int MAX_STRING = 128;

    private static final String[] HELP = {
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.",
    };

    private record Entry(long id, long unixSeconds, long micros, byte[][] argv, String peer, String clientName) {
    }

    private final Server server;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    // read after every command: resolved once
    private final ConfigEntry slowerThan;
    private final ConfigEntry maxLen;

    SlowLog(Server server) {
        this.server = server;
        this.slowerThan = server.config().entry("slowlog-log-slower-than");
        this.maxLen = server.config().entry("slowlog-max-len");
    }

    void register(CommandRegistrar r) {
        r.redisCommand("slowlog|get", this::get);
        r.redisCommand("slowlog|len", (ctx, args, reply) -> reply.integer(entries.size()));
        r.redisCommand("slowlog|reset", (ctx, args, reply) -> {
            entries.clear();
            reply.ok();
        });
        r.redisCommand("slowlog|help", (ctx, args, reply) -> HelpReply.write(reply, "SLOWLOG", HELP));
        server.dispatcher().addObserver(this);
    }

    @Override
    public void executed(Client client, RegisteredCommand command, byte[][] argv, long startMillis, long durationMicros) {
        long slowerThan = this.slowerThan.number();
        long maxLen = this.maxLen.number();
        if (slowerThan < 0 || maxLen == 0 || durationMicros < slowerThan || command.has(CommandFlag.SKIP_SLOWLOG)) {
            return;
        }
        entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, durationMicros,
                trim(client.shownArgv(argv)), client.address(), client.name()));
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    /** Redis's {@code slowlogCreateEntry} trimming of long argument lists and long arguments. */
    static byte[][] trim(byte[][] argv) {
        int argc = Math.min(argv.length, MAX_ARGC);
        byte[][] kept = new byte[argc][];
        for (int j = 0; j < argc; j++) {
            if (argc != argv.length && j == argc - 1) {
                kept[j] = ascii("... (" + (argv.length - argc + 1) + " more arguments)");
            } else if (argv[j].length > MAX_STRING) {
                byte[] more = ascii("... (" + (argv[j].length - MAX_STRING) + " more bytes)");
                byte[] t = Arrays.copyOf(argv[j], MAX_STRING + more.length);
                System.arraycopy(more, 0, t, MAX_STRING, more.length);
                kept[j] = t;
            } else {
                kept[j] = argv[j];
            }
        }
        return kept;
    }

    private void get(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() > 3) {
            throw new CommandException(AdminErrors.subcommandSyntax(args.string(1), "SLOWLOG"));
        }
        long count = 10;
        if (args.count() == 3) {
            try {
                count = Numbers.parseLong(args.get(2));
            } catch (NumberFormatException e) {
                throw new CommandException(AdminErrors.SLOWLOG_COUNT);
            }
            if (count < -1) {
                throw new CommandException(AdminErrors.SLOWLOG_COUNT);
            }
            if (count == -1) {
                count = entries.size();
            }
        }
        int n = (int) Math.min(count, entries.size());
        reply.array(n);
        Iterator<Entry> it = entries.iterator();
        for (int i = 0; i < n; i++) {
            Entry e = it.next();
            reply.array(6);
            reply.integer(e.id());
            reply.integer(e.unixSeconds());
            reply.integer(e.micros());
            reply.array(e.argv().length);
            for (byte[] a : e.argv()) {
                reply.bulk(a);
            }
            reply.bulk(e.peer());
            reply.bulk(e.clientName());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
