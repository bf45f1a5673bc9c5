/** Redis's generic key commands (DEL, EXPIRE, SCAN, OBJECT, ...) as a Cinnabar plugin. */
module dev.cinnabar.commands.keys {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.commands.keys.KeyCommands;
}
