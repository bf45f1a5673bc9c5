/** Test fixture plugin: fixa.libversion answers the version of the fixture library it was built with. */
module dev.cinnabar.fixture.a {
    requires dev.cinnabar.api;
    requires dev.cinnabar.fixture.lib;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.fixture.a.FixtureACommands;
}
