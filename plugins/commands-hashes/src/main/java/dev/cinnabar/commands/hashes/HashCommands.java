package dev.cinnabar.commands.hashes;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** Registers Redis's hash commands ({@code t_hash.c}). */
public final class HashCommands implements CommandFamily {

    @Override
    public String name() {
        return "hashes";
    }

    @Override
    public void register(CommandRegistrar r) {
        r.rdbValueCodec(new HashRdbCodec());
        HashWriteCommands.register(r);
        HashReadCommands.register(r);
        HashIncrCommands.register(r);
        HrandfieldCommand.register(r);
        HscanCommand.register(r);
    }
}
