package dev.cinnabar.api.command;

/**
 * A class in a package the server's API module already exports (a split package): the host must
 * refuse this plugin instead of letting it patch the API.
 */
public final class SplitPackageCommands implements CommandFamily {

    @Override
    public String name() {
        return "fixture-split";
    }

    @Override
    public void register(CommandRegistrar r) {
        throw new IllegalStateException("must never be loaded");
    }
}
