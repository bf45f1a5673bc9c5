/** Redis's HyperLogLog commands (PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST) as a Cinnabar plugin. */
module dev.cinnabar.commands.hyperloglog {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.commands.hyperloglog.HyperLogLogCommands;
}
