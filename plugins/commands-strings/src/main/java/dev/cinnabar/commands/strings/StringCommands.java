package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** Registers Redis's string and bit commands ({@code t_string.c}, {@code bitops.c}). */
public final class StringCommands implements CommandFamily {

    @Override
    public String name() {
        return "strings";
    }

    @Override
    public void register(CommandRegistrar r) {
        GetCommands.register(r);
        SetCommands.register(r);
        MsetCommands.register(r);
        IncrCommands.register(r);
        RangeCommands.register(r);
        BitCommands.register(r);
        BitfieldCommand.register(r);
        LcsCommand.register(r);
    }
}
