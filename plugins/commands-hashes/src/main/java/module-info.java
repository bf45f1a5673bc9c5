/** Redis's hash commands (HSET, HGETALL, HINCRBYFLOAT, HRANDFIELD, HSCAN, ...) as a Cinnabar plugin. */
module dev.cinnabar.commands.hashes {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.commands.hashes.HashCommands;
}
