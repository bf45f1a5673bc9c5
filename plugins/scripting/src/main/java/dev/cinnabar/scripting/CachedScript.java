package dev.cinnabar.scripting;

import dev.cinnabar.api.script.CompiledScript;

import java.util.Set;

/** A script in the cache: its body (for memory accounting), shebang flags, compiled form and the engine that compiled it. */
record CachedScript(String sha, byte[] body, boolean shebang, Set<ScriptFlag> flags, CompiledScript compiled, String engine) {

    boolean has(ScriptFlag f) {
        return flags.contains(f);
    }
}
