package dev.cinnabar.kernel.command;

import dev.cinnabar.api.command.Command;
import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.command.CommandSpec;
import dev.cinnabar.api.config.ConfigParameter;
import dev.cinnabar.api.config.InfoContributor;
import dev.cinnabar.kernel.Server;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers one owner's families all-or-nothing: if any registration fails, everything that owner
 * registered so far is removed again, so a failing plugin never leaves the server half-configured.
 */
public final class FamilyRegistrar implements CommandRegistrar {

    private final Server server;
    private final String owner;
    private final List<String> configNames = new ArrayList<>();
    private final List<InfoContributor> infos = new ArrayList<>();
    private final List<dev.cinnabar.api.rdb.PersistenceContributor> persisted = new ArrayList<>();
    private final List<dev.cinnabar.api.rdb.RdbValueCodec> codecs = new ArrayList<>();

    public FamilyRegistrar(Server server, String owner) {
        this.server = server;
        this.owner = owner;
    }

    /** Registers every family; on failure undoes this owner's registrations and rethrows. */
    public void registerAll(CommandFamily... families) {
        registerAll(List.of(families));
    }

    public void registerAll(List<CommandFamily> families) {
        try {
            for (CommandFamily f : families) {
                f.register(this);
            }
        } catch (RuntimeException | LinkageError e) {
            undo();
            throw e;
        }
    }

    /** Removes everything this owner registered. */
    public void undo() {
        server.commands().unregisterOwner(owner);
        for (String n : configNames) {
            server.config().unregister(n);
        }
        server.infoContributors().removeAll(infos);
        server.persistenceContributors().removeAll(persisted);
        server.scriptEngines().removeListeners(owner);
        server.persistence().codecs().unregister(codecs);
    }

    @Override
    public void redisCommand(String fullName, Command implementation) {
        server.commands().registerRedis(fullName, implementation, owner);
    }

    @Override
    public void command(CommandSpec spec, Command implementation) {
        server.commands().register(spec, implementation, owner);
    }

    @Override
    public void config(ConfigParameter parameter) {
        server.config().register(parameter);
        configNames.add(parameter.name());
    }

    @Override
    public void info(InfoContributor contributor) {
        server.infoContributors().add(contributor);
        infos.add(contributor);
    }

    @Override
    public void persistence(dev.cinnabar.api.rdb.PersistenceContributor contributor) {
        server.persistenceContributors().add(contributor);
        persisted.add(contributor);
    }

    @Override
    public void scriptEngineListener(dev.cinnabar.api.script.ScriptEngineListener listener) {
        server.scriptEngines().addListener(listener, owner);
    }

    @Override
    public void rdbValueCodec(dev.cinnabar.api.rdb.RdbValueCodec codec) {
        server.persistence().codecs().register(codec);
        codecs.add(codec);
    }
}
