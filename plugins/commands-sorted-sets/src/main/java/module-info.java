/** Redis's sorted-set commands ({@code t_zset.c}) as a Cinnabar plugin. */
module dev.cinnabar.commands.sorted.sets {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.commands.sorted.sets.SortedSetCommands;
}
