package com.example.cell;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandFlag;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.CommandSpec;
import dev.cinnabar.api.command.KeySpec;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;

/**
 * {@code CL.THROTTLE <key> <max_burst> <count per period> <period> [<quantity>]}: redis-cell's
 * rate limiter. The reply is 5 integers: limited (0/1), the limit ({@code max_burst + 1}), what
 * remains, seconds until a retry can succeed (-1 when allowed) and seconds until the limit resets.
 *
 * <p>The state is the TAT in nanoseconds, as a decimal string in an ordinary string key that
 * expires when the bucket is full again, exactly as redis-cell keeps it: {@code GET}, {@code TTL},
 * {@code DEL}, persistence and replication treat it like any string.
 */
public final class ThrottleCommands implements CommandFamily {

    @Override
    public String name() {
        return "cl-throttle";
    }

    @Override
    public void register(CommandRegistrar registrar) {
        registrar.command(CommandSpec.builder("cl.throttle")
                        // arity -1 as for every Redis module command: the usage error is the command's own
                        .arity(-1)
                        .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                        .keys(1, 1, 1)
                        .keySpec(KeySpec.range(1, 0, 1, "RW", "access", "update"))
                        .summary("Rate limit an action with the generic cell rate algorithm")
                        .since("1.0.0").group("cell").complexity("O(1)")
                        .build(),
                ThrottleCommands::throttle);
    }

    private static void throttle(CommandContext ctx, Arguments args, ReplySink reply) {
        if (args.count() != 5 && args.count() != 6) {
            throw CellErrors.usage();
        }
        byte[] key = args.get(1);
        long maxBurst = integer(args, 2);
        long count = integer(args, 3);
        long period = integer(args, 4);
        long quantity = args.count() == 6 ? integer(args, 5) : 1;

        long emission = Gcra.emissionInterval(count, period);
        if (emission == 0) {
            throw CellErrors.zeroRate();
        }
        Database db = ctx.db();
        StringValue stored = db.lookupWrite(key, StringValue.class);
        long tat = stored == null ? -1 : tat(stored);
        long nowMillis = ctx.now();
        Gcra.Decision d = Gcra.decide(tat, Math.multiplyExact(nowMillis, 1_000_000L), maxBurst, emission, quantity);

        if (!d.limited()) {
            long ttlMillis = d.ttlNanos() / 1_000_000L;
            if (ttlMillis > 0) {
                db.set(key, StringValue.ofLong(d.newTat()), nowMillis + ttlMillis);
            } else {
                // redis-cell sets an expiry of 0 ms: the key is gone at once
                db.delete(key);
            }
        }
        long[] r = d.reply();
        reply.array(r.length);
        for (long v : r) {
            reply.integer(v);
        }
    }

    private static long integer(Arguments args, int i) {
        String text = new String(args.get(i), StandardCharsets.UTF_8);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw CellErrors.notAnInteger(text);
        }
    }

    private static long tat(StringValue stored) {
        byte[] b = stored.toBytes();
        try {
            return Long.parseLong(new String(b, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw CellErrors.badState(b);
        }
    }
}
