package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.StringValue;

/** Registers Redis's string commands ({@code t_string.c}). */
public final class StringCommands implements CommandFamily {

    @Override
    public String name() {
        return "strings";
    }

    @Override
    public void register(CommandRegistrar r) {
        r.redisCommand("get", (ctx, args, reply) -> {
            StringValue v = ctx.db().getString(args.get(1));
            if (v == null) {
                reply.nullBulk();
            } else {
                reply.bulk(v.array(), 0, v.length());
            }
        });
        r.redisCommand("set", (ctx, args, reply) -> {
            ctx.db().set(args.get(1), StringValue.of(args.get(2)));
            reply.ok();
        });
    }
}
