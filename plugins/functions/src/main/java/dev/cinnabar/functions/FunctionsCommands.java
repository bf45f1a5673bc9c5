package dev.cinnabar.functions;

import dev.cinnabar.api.script.ScriptEngineListener;
import java.util.List;
import java.util.Optional;

import dev.cinnabar.api.command.CommandFamily;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.config.InfoContributor;

/** Redis Functions ({@code functions.c}, {@code FCALL}) as a Cinnabar plugin. */
public final class FunctionsCommands implements CommandFamily {

    /** What Redis reports for a Lua VM that holds no library yet; used when the engine cannot tell. */
    private static final long EMPTY_VM_BYTES = 32768;
    /** {@code used_memory_functions} of a server without libraries (Redis 7.0.15 reports about 200). */
    private static final long EMPTY_REGISTRY_BYTES = 184;

    private final FunctionRegistry registry = new FunctionRegistry();

    @Override
    public String name() {
        return "functions";
    }

    @Override
    public void register(CommandRegistrar r) {
        FcallCommand fcall = new FcallCommand(registry, false);
        FcallCommand fcallRo = new FcallCommand(registry, true);
        r.redisCommand("fcall", fcall);
        r.redisCommand("fcall_ro", fcallRo);
        FunctionCommand f = new FunctionCommand(registry);
        r.redisCommand("function|load", f::load);
        r.redisCommand("function|delete", f::delete);
        r.redisCommand("function|flush", f::flush);
        r.redisCommand("function|list", f::list);
        r.redisCommand("function|stats", f::stats);
        r.redisCommand("function|kill", f::kill);
        r.redisCommand("function|dump", f::dump);
        r.redisCommand("function|restore", f::restore);
        r.redisCommand("function|help", f::help);
        r.persistence(new FunctionsPersistence(registry));
        r.scriptEngineListener(new ScriptEngineListener() {
            @Override
            public Optional<String> refuseRemoval(String engine) {
                List<String> libraries = registry.librariesOn(engine);
                return libraries.isEmpty() ? Optional.empty()
                        : Optional.of("function libraries use it (" + String.join(", ", libraries) + "); delete them first");
            }

            @Override
            public void engineRemoved(String engine) {
                registry.engineRemoved(engine);
                fcall.forgetLast();
                fcallRo.forgetLast();
            }
        });
        r.info(new InfoContributor() {
            @Override
            public String section() {
                return "memory";
            }

            @Override
            public void write(InfoWriter w) {
                Libraries libs = registry.current();
                long vm = registry.vmMemory();
                w.field("number_of_functions", libs.functionCount());
                w.field("number_of_libraries", libs.libraryCount());
                w.field("used_memory_vm_functions", vm > 0 ? vm : EMPTY_VM_BYTES + libs.codeBytes());
                w.field("used_memory_functions", EMPTY_REGISTRY_BYTES + libs.memory());
            }
        });
    }
}
