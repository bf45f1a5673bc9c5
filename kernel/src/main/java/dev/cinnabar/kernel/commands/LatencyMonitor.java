package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.config.ConfigEntry;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.exec.CommandObserver;
import dev.cinnabar.kernel.net.Client;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The latency monitor ({@code latency.c}): for each event, the worst latency of each second
 * (160 seconds kept) and the all-time maximum, recorded when an event takes at least
 * {@code latency-monitor-threshold} milliseconds. The kernel records the {@code command} and
 * {@code fast-command} events (commands without and with the {@code fast} flag).
 */
final class LatencyMonitor implements CommandObserver {

    private static final int SERIES_LENGTH = 160;

    private static final String[] HELP = {
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "GRAPH <event>",
        "    Return an ASCII latency graph for the <event> class.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
        "    If no commands are specified then all histograms are replied.",
    };

    /** One event's circular series of per-second worst samples. */
    private static final class Series {
        final long[] time = new long[SERIES_LENGTH];
        final long[] latency = new long[SERIES_LENGTH];
        int idx;
        long max;

        void add(long now, long ms) {
            if (ms > max) {
                max = ms;
            }
            int prev = (idx + SERIES_LENGTH - 1) % SERIES_LENGTH;
            if (time[prev] == now) {
                latency[prev] = Math.max(latency[prev], ms);
                return;
            }
            time[idx] = now;
            latency[idx] = ms;
            idx = (idx + 1) % SERIES_LENGTH;
        }

        int last() {
            return (idx + SERIES_LENGTH - 1) % SERIES_LENGTH;
        }
    }

    private final Server server;
    private final Map<String, Series> events = new LinkedHashMap<>();

    private final ConfigEntry threshold; // read after every command: resolved once

    LatencyMonitor(Server server) {
        this.server = server;
        this.threshold = server.config().entry("latency-monitor-threshold");
    }

    void register(CommandRegistrar r) {
        r.redisCommand("latency|latest", this::latest);
        r.redisCommand("latency|history", this::history);
        r.redisCommand("latency|reset", this::reset);
        r.redisCommand("latency|doctor", this::doctor);
        r.redisCommand("latency|help", (ctx, args, reply) -> HelpReply.write(reply, "LATENCY", HELP));
        server.dispatcher().addObserver(this);
    }

    @Override
    public void executed(Client client, RegisteredCommand command, byte[][] argv, long startMillis, long durationMicros) {
        long threshold = this.threshold.number();
        long ms = durationMicros / 1000;
        if (threshold > 0 && ms >= threshold) {
            String event = command.has(CommandFlag.FAST) ? "fast-command" : "command";
            events.computeIfAbsent(event, e -> new Series()).add(System.currentTimeMillis() / 1000, ms);
        }
    }

    private void latest(CommandContext ctx, Arguments args, ReplySink reply) {
        reply.array(events.size());
        for (Map.Entry<String, Series> e : events.entrySet()) {
            Series s = e.getValue();
            int last = s.last();
            reply.array(4);
            reply.bulk(e.getKey());
            reply.integer(s.time[last]);
            reply.integer(s.latency[last]);
            reply.integer(s.max);
        }
    }

    private void history(CommandContext ctx, Arguments args, ReplySink reply) {
        Series s = events.get(args.string(2));
        if (s == null) {
            reply.array(0);
            return;
        }
        int samples = 0;
        for (long t : s.time) {
            if (t != 0) {
                samples++;
            }
        }
        reply.array(samples);
        for (int j = 0; j < SERIES_LENGTH; j++) {
            int i = (s.idx + j) % SERIES_LENGTH;
            if (s.time[i] != 0) {
                reply.array(2);
                reply.integer(s.time[i]);
                reply.integer(s.latency[i]);
            }
        }
    }

    private void reset(CommandContext ctx, Arguments args, ReplySink reply) {
        int resets = 0;
        if (args.count() == 2) {
            resets = events.size();
            events.clear();
        } else {
            for (int j = 2; j < args.count(); j++) {
                if (events.remove(args.string(j)) != null) {
                    resets++;
                }
            }
        }
        reply.integer(resets);
    }

    private void doctor(CommandContext ctx, Arguments args, ReplySink reply) {
        reply.verbatim("txt", report().getBytes(StandardCharsets.US_ASCII));
    }

    /** Redis's {@code createLatencyReport}, for the events the kernel records. */
    private String report() {
        long threshold = server.config().getLong("latency-monitor-threshold");
        if (events.isEmpty() && threshold == 0) {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use "
                    + "\"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a "
                    + "deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
        }
        StringBuilder sb = new StringBuilder();
        int eventNum = 0;
        int advices = 0;
        boolean slowlogEnabled = false, slowlogTuning = false, slowlogInspect = false, largeObjects = false;
        boolean scheduler = false;
        long nowSeconds = System.currentTimeMillis() / 1000;
        for (Map.Entry<String, Series> e : events.entrySet()) {
            String event = e.getKey();
            Series s = e.getValue();
            eventNum++;
            if (eventNum == 1) {
                sb.append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n");
            }
            int samples = 0;
            long sum = 0, oldest = 0;
            for (int j = 0; j < SERIES_LENGTH; j++) {
                if (s.time[j] == 0) {
                    continue;
                }
                samples++;
                sum += s.latency[j];
                if (oldest == 0 || s.time[j] < oldest) {
                    oldest = s.time[j];
                }
            }
            long avg = samples == 0 ? 0 : sum / samples;
            long period = samples == 0 ? 0 : Math.max(1, nowSeconds - oldest);
            long mad = 0;
            for (int j = 0; j < SERIES_LENGTH; j++) {
                if (s.time[j] != 0) {
                    mad += Math.abs(avg - s.latency[j]);
                }
            }
            mad = samples == 0 ? 0 : mad / samples;
            sb.append(String.format(Locale.ROOT,
                    "%d. %s: %d latency spikes (average %dms, mean deviation %dms, period %.2f sec). Worst all time event %dms.",
                    eventNum, event, samples, avg, mad, (double) period / samples, s.max));
            if (event.equals("command")) {
                long slowerThan = server.config().getLong("slowlog-log-slower-than");
                if (slowerThan < 0 || server.config().getLong("slowlog-max-len") == 0) {
                    slowlogEnabled = true;
                    advices++;
                } else if (slowerThan / 1000 > threshold) {
                    slowlogTuning = true;
                    advices++;
                }
                slowlogInspect = true;
                largeObjects = true;
                advices += 2;
            } else if (event.equals("fast-command")) {
                scheduler = true;
                advices++;
            }
            sb.append('\n');
        }
        if (eventNum == 0 && advices == 0) {
            sb.append("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. "
                    + "I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n");
        } else if (advices == 0) {
            sb.append("\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis "
                    + "community to get some help, providing this report in your help request.\n");
        } else {
            sb.append("\nI have a few advices for you:\n\n");
            if (slowlogEnabled) {
                sb.append("- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log "
                        + "Redis feature using the command 'CONFIG SET slowlog-log-slower-than ").append(threshold * 1000)
                        .append("'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n");
            }
            if (slowlogTuning) {
                sb.append("- Your current Slow Log configuration only logs events that are slower than your configured latency "
                        + "monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ").append(threshold * 1000).append("'.\n");
            }
            if (slowlogInspect) {
                sb.append("- Check your Slow Log to understand what are the commands you are running which are too slow to execute. "
                        + "Please check https://redis.io/commands/slowlog for more information.\n");
            }
            if (scheduler) {
                sb.append("- The system is slow to execute Redis code paths not containing system calls. This usually means the "
                        + "system does not provide Redis CPU time to run for long periods. You should try to:\n"
                        + "  1) Lower the system load.\n"
                        + "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n"
                        + "  3) Check if you have a \"noisy neighbour\" problem.\n"
                        + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n"
                        + "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using "
                        + "Jemalloc. However this may create fragmentation problems.\n");
            }
            if (largeObjects) {
                sb.append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. "
                        + "If you have very large objects that are often deleted, expired, or evicted, try to fragment those "
                        + "objects into multiple smaller objects.\n");
            }
        }
        return sb.toString();
    }
}
