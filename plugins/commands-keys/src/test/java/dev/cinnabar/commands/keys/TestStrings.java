package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.StringValue;

/**
 * Plain SET and GET for these tests, so they need not depend on the strings plugin: exactly what
 * the tests use to create and read keys.
 */
final class TestStrings implements CommandFamily {

    @Override
    public String name() {
        return "test-strings";
    }

    @Override
    public void register(CommandRegistrar r) {
        r.redisCommand("set", (ctx, args, reply) -> {
            ctx.db().set(args.get(1), StringValue.of(args.get(2)));
            reply.ok();
        });
        r.redisCommand("get", (ctx, args, reply) -> {
            StringValue v = ctx.db().getString(args.get(1));
            if (v == null) {
                reply.nullBulk();
            } else {
                reply.bulk(v.array(), 0, v.length());
            }
        });
    }
}
