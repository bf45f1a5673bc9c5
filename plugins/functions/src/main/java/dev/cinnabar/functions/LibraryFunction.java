package dev.cinnabar.functions;

import dev.cinnabar.api.script.CompiledScript;

import java.util.Set;

/**
 * One registered function: its name as the library spelled it, the library it belongs to, the
 * engine's compiled callback, flags and description (null when none).
 */
record LibraryFunction(String name, Library library, CompiledScript compiled, Set<FunctionFlag> flags, String description) {

    boolean has(FunctionFlag f) {
        return flags.contains(f);
    }

    /** Redis recomputes FCALL's command flags from these: {@code denyoom} unless allow-oom or no-writes. */
    boolean denyOom() {
        return !has(FunctionFlag.NO_WRITES) && !has(FunctionFlag.ALLOW_OOM);
    }
}
