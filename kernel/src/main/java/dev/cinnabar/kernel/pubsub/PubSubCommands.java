package dev.cinnabar.kernel.pubsub;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.reply.HelpReply;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.exec.ClientContext;
import dev.cinnabar.kernel.net.Client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** SUBSCRIBE and friends, PUBLISH, SPUBLISH and the PUBSUB container, as in Redis's {@code pubsub.c}. */
public final class PubSubCommands {

    private static final String[] HELP = {
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
    };

    private final PubSub pubSub;

    public PubSubCommands(Server server) {
        this.pubSub = server.pubSub();
    }

    public void register(CommandRegistrar r) {
        r.redisCommand("subscribe", (ctx, args, reply) -> subscribe(ctx, args, reply, ChannelType.PLAIN));
        r.redisCommand("ssubscribe", this::ssubscribe);
        r.redisCommand("unsubscribe", (ctx, args, reply) -> unsubscribe(ctx, args, reply, ChannelType.PLAIN));
        r.redisCommand("sunsubscribe", (ctx, args, reply) -> unsubscribe(ctx, args, reply, ChannelType.SHARD));
        r.redisCommand("psubscribe", this::psubscribe);
        r.redisCommand("punsubscribe", this::punsubscribe);
        r.redisCommand("publish", (ctx, args, reply) ->
                reply.integer(pubSub.publish(ChannelType.PLAIN, args.get(1), args.get(2))));
        r.redisCommand("spublish", (ctx, args, reply) ->
                reply.integer(pubSub.publish(ChannelType.SHARD, args.get(1), args.get(2))));
        r.redisCommand("pubsub|help", (ctx, args, reply) -> HelpReply.write(reply, "PUBSUB", HELP));
        r.redisCommand("pubsub|channels", (ctx, args, reply) -> channels(args, reply, ChannelType.PLAIN));
        r.redisCommand("pubsub|shardchannels", (ctx, args, reply) -> channels(args, reply, ChannelType.SHARD));
        r.redisCommand("pubsub|numsub", (ctx, args, reply) -> numsub(args, reply, ChannelType.PLAIN));
        r.redisCommand("pubsub|shardnumsub", (ctx, args, reply) -> numsub(args, reply, ChannelType.SHARD));
        r.redisCommand("pubsub|numpat", (ctx, args, reply) -> reply.integer(pubSub.patternCount()));
    }

    // SUBSCRIBE and PSUBSCRIBE ignore CLIENT_DENY_BLOCKING inside EXEC "for backward compatibility"
    // (pubsub.c); scripts never get here (noscript), so they need no check at all.
    private void subscribe(CommandContext ctx, Arguments args, ReplySink reply, ChannelType type) {
        Client client = connection(ctx);
        for (int j = 1; j < args.count(); j++) {
            pubSub.subscribe(client, type, args.get(j), reply);
        }
    }

    private void ssubscribe(CommandContext ctx, Arguments args, ReplySink reply) {
        if (!ctx.blockingAllowed()) {
            throw new CommandException(PubSubErrors.SSUBSCRIBE_DENY_BLOCKING);
        }
        subscribe(ctx, args, reply, ChannelType.SHARD);
    }

    private void unsubscribe(CommandContext ctx, Arguments args, ReplySink reply, ChannelType type) {
        Client client = connection(ctx);
        if (args.count() == 1) {
            pubSub.unsubscribeAll(client, type, reply);
            return;
        }
        for (int j = 1; j < args.count(); j++) {
            pubSub.unsubscribe(client, type, args.get(j), reply);
        }
    }

    private void psubscribe(CommandContext ctx, Arguments args, ReplySink reply) {
        Client client = connection(ctx);
        for (int j = 1; j < args.count(); j++) {
            pubSub.psubscribe(client, args.get(j), reply);
        }
    }

    private void punsubscribe(CommandContext ctx, Arguments args, ReplySink reply) {
        Client client = connection(ctx);
        if (args.count() == 1) {
            pubSub.punsubscribeAll(client, reply);
            return;
        }
        for (int j = 1; j < args.count(); j++) {
            pubSub.punsubscribe(client, args.get(j), reply);
        }
    }

    private void channels(Arguments args, ReplySink reply, ChannelType type) {
        if (args.count() > 3) {
            throw new CommandException(PubSubErrors.subcommandSyntax(typed(args.get(1)), "PUBSUB"));
        }
        List<byte[]> names = pubSub.channels(type, args.count() == 3 ? args.get(2) : null);
        reply.array(names.size());
        for (byte[] n : names) {
            reply.bulk(n);
        }
    }

    private void numsub(Arguments args, ReplySink reply, ChannelType type) {
        reply.array(2 * (args.count() - 2)); // a flat array even in RESP3 (7.0.15)
        for (int j = 2; j < args.count(); j++) {
            reply.bulk(args.get(j));
            reply.integer(pubSub.subscriberCount(type, args.get(j)));
        }
    }

    /** An argument as C's {@code %.128s} prints it: cut at 128 bytes and at the first NUL. */
    private static String typed(byte[] b) {
        int n = 0;
        while (n < b.length && n < 128 && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static Client connection(CommandContext ctx) {
        return ((ClientContext) ctx).connection();
    }
}
