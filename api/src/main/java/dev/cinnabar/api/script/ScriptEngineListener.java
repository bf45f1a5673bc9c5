package dev.cinnabar.api.script;

import java.util.Optional;

/**
 * For plugins that keep what script engines compiled (the EVAL script cache, the function
 * registry): the host asks them before a plugin providing an engine is unloaded
 * ({@code PLUGIN UNLOAD}), and tells them once the engine is gone, so that nothing of the engine
 * stays reachable and its plugin's class loader can be collected. Registered with
 * {@link dev.cinnabar.api.command.CommandRegistrar#scriptEngineListener}; called on the executor.
 *
 * @since 1.3.0
 */
public interface ScriptEngineListener {

    /**
     * Why the engine named {@code engine} (lower case) must stay, such as
     * {@code "function libraries use it: mylib"}; empty when it may go. A refusal makes the
     * unload fail with that text and changes nothing.
     */
    default Optional<String> refuseRemoval(String engine) {
        return Optional.empty();
    }

    /**
     * The engine named {@code engine} is gone: close the VMs it made and forget every script it
     * compiled. Later uses of the engine's name find no engine, as if it had never been loaded.
     */
    void engineRemoved(String engine);
}
