package dev.cinnabar.engine.lua.exec;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.luajc.JavaGen;

/**
 * Chooses between compiled and interpreted Lua for a chunk. Compiled: luajc's {@link JavaGen} makes one class
 * per Lua function, {@link PollInstrumenter} adds the poll, {@link LuajcLoader} defines them (all of them at
 * once, so that a class the JVM rejects is found here and not at the first call). Whatever fails on the way,
 * and chunks past the size caps, run in LuaJ's interpreter instead; the caps keep classes far from the JVM's
 * 64 KiB method and 65535-entry constant pool limits (BCEL 6.5 does not check the latter).
 */
public final class LuaCompiler {

    /** Lua instructions in one function above which it is interpreted */
    static final int MAX_CODE = 3_000;
    /** constants in one function above which it is interpreted */
    static final int MAX_CONSTANTS = 2_000;
    /** functions in one chunk above which it is interpreted */
    static final int MAX_FUNCTIONS = 1_000;

    private LuaCompiler() {
    }

    /** the compiled function, or the interpreted one when it cannot be compiled */
    public static LuaFunction load(Prototype p, Globals globals) {
        LuaFunction f = compile(p, globals);
        return f != null ? f : interpret(p, globals);
    }

    public static LuaFunction interpret(Prototype p, Globals globals) {
        return new LuaClosure(p, globals);
    }

    /** true when the function is compiled Lua (else it is LuaJ's interpreter) */
    public static boolean isCompiled(LuaFunction f) {
        return f.getClass().getClassLoader() instanceof LuajcLoader;
    }

    /** the compiled function, or null */
    static LuaFunction compile(Prototype p, Globals globals) {
        if (p.upvalues.length != 1 || count(p, 0) < 0) {
            return null;
        }
        try {
            String source = p.source != null ? p.source.tojstring() : "?";
            String className = className(source);
            JavaGen jg = new JavaGen(p, className, source, false);
            Map<String, byte[]> classes = new HashMap<>();
            collect(jg, classes);
            LuajcLoader loader = new LuajcLoader(classes);
            for (String name : classes.keySet()) {
                Class.forName(name, true, loader);
            }
            LuaFunction f = (LuaFunction) loader.loadClass(className).getDeclaredConstructor().newInstance();
            f.initupvalue1(globals);
            return f;
        } catch (RuntimeException | LinkageError | ReflectiveOperationException | java.io.IOException e) {
            return null;
        }
    }

    private static void collect(JavaGen jg, Map<String, byte[]> out) throws java.io.IOException {
        out.put(jg.classname, ExecutionControl.POLL ? PollInstrumenter.instrument(jg.bytecode, jg.classname) : jg.bytecode);
        if (jg.inners != null) {
            for (JavaGen inner : jg.inners) {
                collect(inner, out);
            }
        }
    }

    /** functions counted so far, or -1 past a cap */
    private static int count(Prototype p, int n) {
        if (p.code.length > MAX_CODE || p.k.length > MAX_CONSTANTS || ++n > MAX_FUNCTIONS) {
            return -1;
        }
        for (Prototype q : p.p) {
            n = count(q, n);
            if (n < 0) {
                return -1;
            }
        }
        return n;
    }

    private static String className(String source) {
        StringBuilder b = new StringBuilder("lua_");
        for (int i = 0; i < source.length() && b.length() < 64; i++) {
            char c = source.charAt(i);
            b.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        return b.toString();
    }
}
