package dev.cinnabar.engine.lua.exec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;

/**
 * In-process speed of a 200-iteration pure-Lua loop, interpreted vs compiled, with and without the poll.
 * Runs only with {@code -Dexec.bench=true}; prints nanoseconds per call.
 */
class PollBenchTest {

    private static final String LOOP = "local s = 0 for i = 1, 200 do s = s + i end return s";

    @Test
    void bench() {
        assumeTrue(Boolean.getBoolean("exec.bench"));
        Supplier<String> never = () -> null;
        // bare LuaJ interpreter: no debuglib at all
        Globals bare = new LuaFixture(ExecutionLimits.DEFAULT).globals;
        bare.debuglib = null;
        LuaFunction bareFn = new LuaClosure(LuaFixture.compile(LOOP), bare);
        measure("interpreter, no hook (plain LuaJ)", () -> bareFn.call());

        LuaFixture interp = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(false));
        LuaFunction fi = interp.load(LOOP);
        measure("interpreter + poll hook, via run()", () -> interp.control.run(fi, LuaValue.NONE, never));
        measure("interpreter + poll hook, direct call", () -> fi.call());

        LuaFixture comp = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(true));
        LuaFunction fc = comp.load(LOOP);
        measure("compiled + poll, via run()", () -> comp.control.run(fc, LuaValue.NONE, never));
        measure("compiled + poll, direct call", () -> fc.call());

        // luajc without the instrumentation, for the poll's cost
        LuaFunction raw = uninstrumented(comp.globals);
        measure("compiled, no poll (plain luajc)", () -> raw.call());
    }

    private static LuaFunction uninstrumented(Globals g) {
        try {
            org.luaj.vm2.luajc.JavaGen jg = new org.luaj.vm2.luajc.JavaGen(LuaFixture.compile(LOOP), "raw", "user_script", false);
            java.util.Map<String, byte[]> m = new java.util.HashMap<>();
            m.put(jg.classname, jg.bytecode);
            LuaFunction f = (LuaFunction) new LuajcLoader(m).loadClass("raw").getDeclaredConstructor().newInstance();
            f.initupvalue1(g);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void measure(String what, Runnable r) {
        for (int i = 0; i < 300_000; i++) {
            r.run();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            int n = 200_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                r.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / n);
        }
        System.out.println("BENCH " + what + ": " + best + " ns/call");
    }
}
