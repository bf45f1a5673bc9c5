package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** Registers Redis's generic key commands ({@code db.c}, {@code expire.c}, {@code object.c}). */
public final class KeyCommands implements CommandFamily {

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public void register(CommandRegistrar r) {
        r.redisCommand("del", (ctx, args, reply) -> {
            long n = 0;
            for (int i = 1; i < args.count(); i++) {
                if (ctx.db().delete(args.get(i))) {
                    n++;
                }
            }
            reply.integer(n);
        });
    }
}
