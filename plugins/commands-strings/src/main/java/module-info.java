/** Redis's string and bit commands as a Cinnabar plugin. */
module dev.cinnabar.commands.strings {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.commands.strings.StringCommands;
}
