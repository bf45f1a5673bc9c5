package dev.cinnabar.functions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of libraries and the global namespace of their functions (Redis's
 * {@code functionsLibCtx}): the live set, or a temporary one that FUNCTION RESTORE fills before
 * it touches the live set. Function names are global and case-insensitive; library names are
 * case-sensitive.
 */
final class Libraries {

    private final Map<String, Library> libraries = new LinkedHashMap<>();
    /** By ASCII-lower-cased name. */
    private final Map<String, LibraryFunction> functions = new LinkedHashMap<>();
    /** Changes on every link and unlink: lets FCALL keep the function it found last. */
    private int version;

    Library library(String name) {
        return libraries.get(name);
    }

    LibraryFunction function(String name) {
        return functions.get(Names.lower(name));
    }

    Collection<Library> all() {
        return Collections.unmodifiableCollection(libraries.values());
    }

    /** Libraries in order, for loops that link or unlink while they go. */
    List<Library> snapshot() {
        return new ArrayList<>(libraries.values());
    }

    /** The global namespace in order (RESTORE checks collisions by it). */
    Collection<LibraryFunction> functions() {
        return Collections.unmodifiableCollection(functions.values());
    }

    int libraryCount() {
        return libraries.size();
    }

    /** Names in the global namespace ({@code number_of_functions}). */
    int functionCount() {
        return functions.size();
    }

    int version() {
        return version;
    }

    /**
     * Adds a library and its functions. Two names of one library that differ only in case (Redis
     * 7.0 lets a library register {@code f} and {@code F}) share one global entry: the first wins.
     */
    void link(Library lib) {
        libraries.put(lib.name(), lib);
        for (LibraryFunction f : lib.functions()) {
            functions.putIfAbsent(Names.lower(f.name()), f);
        }
        version++;
    }

    void unlink(Library lib) {
        libraries.remove(lib.name(), lib);
        for (LibraryFunction f : lib.functions()) {
            functions.remove(Names.lower(f.name()), f);
        }
        version++;
    }

    long memory() {
        long n = 0;
        for (Library l : libraries.values()) {
            n += l.memory();
        }
        return n;
    }

    /** Bytes of library code: what the VM compiled (an estimate where the engine cannot tell). */
    long codeBytes() {
        long n = 0;
        for (Library l : libraries.values()) {
            n += l.code().length;
        }
        return n;
    }
}
