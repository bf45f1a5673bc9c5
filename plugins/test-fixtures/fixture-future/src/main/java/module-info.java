/** Test fixture plugin that requires an API version this server does not provide. */
module dev.cinnabar.fixture.future {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.fixture.future.FutureCommands;
}
