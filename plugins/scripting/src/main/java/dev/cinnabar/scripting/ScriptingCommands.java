package dev.cinnabar.scripting;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.config.InfoContributor;
import dev.cinnabar.api.keyspace.Numbers;

/** Redis's ad-hoc scripting ({@code eval.c}) as a Cinnabar plugin. */
public final class ScriptingCommands implements CommandFamily {

    private final ScriptCache cache = new ScriptCache();

    @Override
    public String name() {
        return "scripting";
    }

    @Override
    public void register(CommandRegistrar r) {
        r.redisCommand("eval", new EvalCommand(cache, false, false));
        r.redisCommand("evalsha", new EvalCommand(cache, true, false));
        r.redisCommand("eval_ro", new EvalCommand(cache, false, true));
        r.redisCommand("evalsha_ro", new EvalCommand(cache, true, true));
        ScriptCommand script = new ScriptCommand(cache);
        r.redisCommand("script|load", script::load);
        r.redisCommand("script|exists", script::exists);
        r.redisCommand("script|flush", script::flush);
        r.redisCommand("script|kill", script::kill);
        r.redisCommand("script|help", script::help);
        r.scriptEngineListener(cache::engineRemoved);
        r.info(new InfoContributor() {
            @Override
            public String section() {
                return "memory";
            }

            @Override
            public void write(InfoWriter w) {
                long vm = cache.vmMemory();
                w.field("used_memory_lua", vm);
                w.field("used_memory_vm_eval", vm);
                w.field("used_memory_lua_human", Numbers.humanBytes(vm));
                w.field("used_memory_scripts_eval", cache.memory());
                w.field("number_of_cached_scripts", cache.size());
            }
        });
    }
}
