package dev.cinnabar.commands.sets;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** Registers Redis's set commands ({@code t_set.c}), one group class per concern. */
public final class SetCommands implements CommandFamily {

    @Override
    public String name() {
        return "sets";
    }

    @Override
    public void register(CommandRegistrar r) {
        MembershipCommands.register(r);
        r.rdbValueCodec(new SetRdbCodec());
        RandomCommands.register(r);
        AlgebraCommands.register(r);
        r.redisCommand("sscan", SscanCommand::sscan);
    }
}
