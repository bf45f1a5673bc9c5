/** Test fixture plugin whose family fails half-way through registering. */
module dev.cinnabar.fixture.throwing {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.fixture.throwing.ThrowingCommands;
}
