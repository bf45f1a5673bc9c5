package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** Registers Redis's list commands ({@code t_list.c}), blocking ones included. */
public final class ListCommands implements CommandFamily {

    @Override
    public String name() {
        return "lists";
    }

    @Override
    public void register(CommandRegistrar r) {
        PushCommands.register(r);
        PopCommands.register(r);
        IndexCommands.register(r);
        RangeCommands.register(r);
        LposCommand.register(r);
        MoveCommands.register(r);
        r.rdbValueCodec(new ListRdbCodec());
        BlockingCommands.register(r);
    }
}
