package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/**
 * Registers Redis's generic key commands ({@code db.c}, {@code expire.c}, {@code object.c}), one
 * group class per concern.
 */
public final class KeyCommands implements CommandFamily {

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public void register(CommandRegistrar r) {
        KeyLookupCommands.register(r);
        ExpireCommands.register(r);
        KeysCommands.register(r);
        RenameCommands.register(r);
        DatabaseCommands.register(r);
        ObjectCommand.register(r);
    }
}
