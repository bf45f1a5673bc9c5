/** Test fixture plugin: fixb.libversion answers the version of the fixture library it was built with. */
module dev.cinnabar.fixture.b {
    requires dev.cinnabar.api;
    requires dev.cinnabar.fixture.lib;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.fixture.b.FixtureBCommands;
}
