package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.exec.CommandObserver;
import dev.cinnabar.kernel.net.Client;

import java.time.Instant;

/**
 * MONITOR: the command, and the feed that sends every executed command to the monitoring
 * clients as {@code +<secs>.<micros> [<db> <ip:port>] "arg" ...} (Redis's
 * {@code replicationFeedMonitors}). Admin and {@code skip_monitor} commands are not shown, and
 * the database is the one selected after the command ran, as in Redis.
 */
final class MonitorFeed implements CommandObserver {

    private final Server server;

    MonitorFeed(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("monitor", this::monitor);
        server.dispatcher().addObserver(this);
    }

    private void monitor(CommandContext ctx, Arguments args, ReplySink reply) {
        Client c = ((ClientContext) ctx).connection();
        if (c.monitor()) {
            return; // Redis ignores a second MONITOR without replying
        }
        server.clients().addMonitor(c);
        reply.ok();
    }

    @Override
    public void executed(Client client, RegisteredCommand command, byte[][] argv, long startMillis, long durationMicros) {
        if (server.clients().monitors() == 0 || command.has(CommandFlag.ADMIN) || command.has(CommandFlag.SKIP_MONITOR)) {
            return;
        }
        shown(client, command, argv);
    }

    @Override
    public void shown(Client client, RegisteredCommand command, byte[][] argv) {
        if (server.clients().monitors() == 0) {
            return;
        }
        Instant now = Instant.now();
        StringBuilder line = new StringBuilder(64);
        line.append(now.getEpochSecond()).append('.');
        String micros = Integer.toString(now.getNano() / 1000);
        line.append("0".repeat(6 - micros.length())).append(micros);
        line.append(" [").append(client.database()).append(' ').append(client.address()).append("] ");
        byte[][] shown = client.shownArgv(argv);
        for (int j = 0; j < shown.length; j++) {
            if (j > 0) {
                line.append(' ');
            }
            appendRepr(line, shown[j]);
        }
        String text = line.toString();
        for (Client m : server.clients().monitorClients()) {
            m.deliver(sink -> sink.simple(text));
        }
    }

    /** Redis's {@code sdscatrepr}: a quoted, escaped, pure-ASCII rendering of {@code b}. */
    static void appendRepr(StringBuilder sb, byte[] b) {
        sb.append('"');
        for (byte x : b) {
            int c = x & 0xff;
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        sb.append((char) c);
                    } else {
                        sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    }
                }
            }
        }
        sb.append('"');
    }
}
