package dev.cinnabar.commands.hyperloglog;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;

/** Registers Redis's HyperLogLog commands ({@code hyperloglog.c}). */
public final class HyperLogLogCommands implements CommandFamily {

    @Override
    public String name() {
        return "hyperloglog";
    }

    @Override
    public void register(CommandRegistrar r) {
        r.redisCommand("pfadd", PfCommands::pfadd);
        r.redisCommand("pfcount", PfCommands::pfcount);
        r.redisCommand("pfmerge", PfCommands::pfmerge);
        r.redisCommand("pfdebug", PfDebugCommand::execute);
        r.redisCommand("pfselftest", PfSelfTestCommand::execute);
    }
}
