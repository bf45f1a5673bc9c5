/** A tiny library that exists in two versions, to show two plugins using each side by side. */
module dev.cinnabar.fixture.lib {
    exports dev.cinnabar.fixture.lib;
}
