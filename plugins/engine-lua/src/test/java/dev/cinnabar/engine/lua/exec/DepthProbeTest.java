package dev.cinnabar.engine.lua.exec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * How deep each recursion shape gets before the Java stack (the JVM default, 1 MiB) overflows, with the depth
 * bound lifted: the measurement behind {@link ExecutionLimits#depthFor}. Runs only with {@code -Dexec.bench=true}.
 */
class DepthProbeTest {
    @Test
    void probe() {
        assumeTrue(Boolean.getBoolean("exec.bench"));
        String[] shapes = {
            "n = n + 1 return 1 + f()",
            "n = n + 1 return (string.gsub('a', '.', f))",
            "n = n + 1 return t[1]",
            "n = n + 1 local ok, e = pcall(f) if not ok then error(e, 0) end return e",
            "n = n + 1 table.sort({3,2,1}, function(a, b) f() return a < b end) return 1",
            "n = n + 1 return tostring(setmetatable({}, {__tostring = f}))",
        };
        for (boolean compile : new boolean[] {false, true}) {
            for (String body : shapes) {
                LuaFixture fx = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(compile).withMaxCallDepth(1_000_000));
                String src = "n = 0 t = setmetatable({}, {__index = function(t, k) return f() end}) "
                        + "function f() " + body + " end local ok, e = pcall(f) return n, tostring(e)";
                String r = LuaFixture.onThread(0, () -> {
                    try {
                        return fx.run(src).tojstring();
                    } catch (Throwable e) {
                        return e.toString() + " n=" + fx.globals.get("n");
                    }
                });
                System.out.println("DEPTH compile=" + compile + " " + body + " -> " + r);
            }
        }
    }
}
