/** Redis's list commands, blocking ones included, as a Cinnabar plugin. */
module dev.cinnabar.commands.lists {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.commands.lists.ListCommands;
}
