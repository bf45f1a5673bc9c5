import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** A class in the unnamed package: no module may hold it, so the host must refuse this plugin. */
public final class UnnamedPackageCommands implements CommandFamily {

    @Override
    public String name() {
        return "fixture-unnamed";
    }

    @Override
    public void register(CommandRegistrar r) {
        throw new IllegalStateException("must never be loaded");
    }
}
