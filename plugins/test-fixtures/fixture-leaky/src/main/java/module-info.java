/**
 * Test fixture plugin that breaks a rule on purpose: FIXL.LEAK leaves a ThreadLocal holding one of
 * its objects on the executor thread, which keeps its class loader reachable after PLUGIN UNLOAD.
 */
module dev.cinnabar.fixture.leaky {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with dev.cinnabar.fixture.leaky.LeakyCommands;
}
