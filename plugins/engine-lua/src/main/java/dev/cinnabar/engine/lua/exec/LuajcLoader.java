package dev.cinnabar.engine.lua.exec;

import java.util.Map;

/**
 * The class loader of one compiled chunk (its main function and inner functions): classes are defined from the
 * instrumented bytes on demand and can be unloaded with the chunk. Its parent is this module's loader, which
 * sees LuaJ (a module this one reads) and {@link LuaInterrupts} (exported), so it works on the class path and
 * in a plugin's module layer alike. The name marks compiled Lua frames in stack traces.
 */
final class LuajcLoader extends ClassLoader {

    static final String NAME = "cinnabar-luajc";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    LuajcLoader(Map<String, byte[]> classes) {
        super(NAME, LuajcLoader.class.getClassLoader());
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }
}
