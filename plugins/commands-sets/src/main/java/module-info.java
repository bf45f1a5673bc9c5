/** Redis's set commands (SADD, SINTER, SSCAN, ...) and the set value type, as a Cinnabar plugin. */
module dev.cinnabar.commands.sets {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.commands.sets.SetCommands;
}
