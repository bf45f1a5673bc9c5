package dev.cinnabar.functions;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function library: its name (case-sensitive), the engine that runs it, its whole code (the
 * metadata line included: LIST WITHCODE and DUMP give it back byte for byte) and its functions in
 * the order they were registered.
 */
final class Library {

    private final String name;
    private final String engine;
    private final byte[] code;
    /** By name as spelled; case-sensitive, as Redis's per-library dictionary. */
    private final Map<String, LibraryFunction> functions = new LinkedHashMap<>();

    Library(String name, String engine, byte[] code) {
        this.name = name;
        this.engine = engine;
        this.code = code;
    }

    String name() {
        return name;
    }

    /** The engine's name in lower case, as the server knows it. */
    String engine() {
        return engine;
    }

    /** The engine as FUNCTION LIST and STATS name it (Redis's {@code LUA}). */
    String engineDisplayName() {
        return engine.toUpperCase(java.util.Locale.ROOT);
    }

    byte[] code() {
        return code;
    }

    Collection<LibraryFunction> functions() {
        return Collections.unmodifiableCollection(functions.values());
    }

    int functionCount() {
        return functions.size();
    }

    boolean hasFunction(String name) {
        return functions.containsKey(name);
    }

    void add(LibraryFunction f) {
        functions.put(f.name(), f);
    }

    /**
     * Bytes of bookkeeping for this library, as {@code used_memory_functions} counts them (names,
     * descriptions, entries; the code is the VM's).
     */
    long memory() {
        long n = 48 + name.length();
        for (LibraryFunction f : functions.values()) {
            n += 48 + f.name().length() + (f.description() == null ? 0 : f.description().length());
        }
        return n;
    }
}
