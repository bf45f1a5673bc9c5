package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** Registers Redis's sorted-set commands ({@code t_zset.c}). */
public final class SortedSetCommands implements CommandFamily {

    @Override
    public String name() {
        return "sorted-sets";
    }

    @Override
    public void register(CommandRegistrar r) {
        AddCommands.register(r);
        r.rdbValueCodec(new SortedSetRdbCodec());
        ReadCommands.register(r);
        RangeCommands.register(r);
        RemoveCommands.register(r);
        PopCommands.register(r);
        BlockingPopCommands.register(r);
        RandMemberCommand.register(r);
        SetOperationCommands.register(r);
        ZscanCommand.register(r);
    }
}
