package dev.cinnabar.engine.lua.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Varargs;

class ExecutionControlTest {

    private static final String KILLED = "ERR Script killed by user with SCRIPT KILL...";

    private static LuaFixture fixture(boolean compile) {
        return new LuaFixture(ExecutionLimits.DEFAULT.withCompile(compile).withPollInterval(1000));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void compilesWhenAsked(boolean compile) {
        LuaFixture f = fixture(compile);
        assertEquals(compile, LuaCompiler.isCompiled(f.load("return 1")));
    }

    private static ScriptAbort killed(LuaFixture f, String src) {
        ScriptAbort a = assertThrows(ScriptAbort.class, () -> f.run(src, LuaFixture.killAfter(5)));
        assertEquals(KILLED, a.getMessage());
        assertEquals(ScriptAbort.Reason.KILLED, a.reason());
        return a;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void killEndsAnInfiniteLoopWithItsLine(boolean compile) {
        LuaFixture f = fixture(compile);
        ScriptAbort a = killed(f, "local x = 0\nwhile true do\n x = x + 1\nend");
        assertEquals("@user_script", a.source());
        assertTrue(a.line() >= 2 && a.line() <= 4, "line " + a.line());
        // the state is usable afterwards
        assertEquals(3, f.run("return 1 + 2").arg1().toint());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void killEscapesPcallXpcallAndCoroutines(boolean compile) {
        LuaFixture f = fixture(compile);
        killed(f, "while true do pcall(function() while true do end end) end");
        killed(f, "while true do xpcall(function() while true do end end, function(e) return e end) end");
        killed(f, "local ok, e = pcall(function() local x = 0 while true do x = x + 1 end end) return 'swallowed'");
        killed(f, "while true do local co = coroutine.create(function() while true do end end) "
                + "print(coroutine.resume(co)) end");
        killed(f, "local co = coroutine.wrap(function() while true do end end) pcall(co) return 'swallowed'");
        killed(f, "local ok = pcall(coroutine.wrap(function() pcall(function() while true do end end) end)) "
                + "return 'swallowed'");
        killed(f, "local ok, e = xpcall(function() while true do end end, function(e) while true do end end) "
                + "return 'swallowed'");
        // recursion that never ends is polled on calls
        killed(f, "local function f(n) return f(n + 1) end return f(1)");
        assertTrue(LuaFixture.coroutineThreads().isEmpty(), LuaFixture.coroutineThreads().toString());
    }

    /**
     * A loop inside a (nested) coroutine runs on the coroutine's thread; the kill check, which serves
     * clients in the server, must still run on the thread that started the run (the executor).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void killChecksFromCoroutinesRunOnTheCallingThread(boolean compile) {
        LuaFixture f = fixture(compile);
        Thread caller = Thread.currentThread();
        for (String src : new String[] {
                "coroutine.wrap(function() while true do end end)()",
                "coroutine.wrap(function() coroutine.wrap(function() local x = 0 while true do x = x + 1 end end)() end)()",
                "local co = coroutine.create(function() pcall(function() while true do end end) end) coroutine.resume(co)"}) {
            Set<Thread> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            int[] n = {0};
            ScriptAbort a = assertThrows(ScriptAbort.class, () -> f.run(src, () -> {
                seen.add(Thread.currentThread());
                return ++n[0] > 20 ? KILLED : null;
            }, () -> true), src);
            assertEquals(KILLED, a.getMessage());
            assertEquals(Set.of(caller), seen, src);
        }
        // not due: the coroutine's polls do not hand over at all
        int[] calls = {0};
        int[] dueAsked = {0};
        f.run("coroutine.wrap(function() for i = 1, 200000 do end end)()", () -> {
            calls[0]++;
            return null;
        }, () -> {
            dueAsked[0]++;
            return false;
        });
        assertTrue(dueAsked[0] > 0, "due asked");
        assertEquals(0, calls[0], "kill check calls from the coroutine");
        assertTrue(LuaFixture.coroutineThreads().isEmpty(), LuaFixture.coroutineThreads().toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void killWithSuspendedCoroutinesLeavesNoThread(boolean compile) {
        LuaFixture f = fixture(compile);
        Set<String> before = LuaFixture.coroutineThreads();
        killed(f, "local cos = {}\n"
                + "for i = 1, 50 do\n"
                + "  local co = coroutine.create(function(a) while true do a = coroutine.yield(a + 1) end end)\n"
                + "  coroutine.resume(co, i)\n"
                + "  cos[i] = co\n"
                + "end\n"
                + "local w = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) w()\n"
                + "while true do end");
        assertEquals(before, LuaFixture.coroutineThreads());
        // a normal end leaves none either
        Varargs r = f.run("local co = coroutine.create(function() coroutine.yield(1) coroutine.yield(2) end)\n"
                + "local _, a = coroutine.resume(co) return a, coroutine.status(co)");
        assertEquals(1, r.arg1().toint());
        assertEquals("suspended", r.arg(2).tojstring());
        assertEquals(before, LuaFixture.coroutineThreads());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void plainRecursionIsAStackOverflowLuaError(boolean compile) {
        LuaFixture f = fixture(compile);
        LuaError e = LuaFixture.onThread(0, () -> assertThrows(LuaError.class,
                () -> f.run("local function f() return f() + 1 end return f()")));
        assertEquals("user_script:1: stack overflow", e.getMessage());
        Varargs r = LuaFixture.onThread(0, () -> f.run(
                "local n = 0 local function f() n = n + 1 return 1 + f() end\n"
                + "local ok, e = pcall(f) return ok, e, n"));
        assertFalse(r.arg1().toboolean());
        assertEquals("user_script:1: stack overflow", r.arg(2).tojstring());
        assertTrue(r.arg(3).toint() >= 400, "depth " + r.arg(3));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyRecursionShapeEndsInALuaErrorOnADefaultStack(boolean compile) {
        LuaFixture f = fixture(compile);
        String[] scripts = {
            "local function g(s) return (string.gsub(s, '.', g)) end return g('ab')",
            "local function p() return pcall(p) end return p()",
            "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x",
            "local function w() return coroutine.wrap(w)() end return w()",
            "local function s(a, b) table.sort({3, 2, 1}, s) return a < b end return s(1, 2)",
            "local t = setmetatable({}, {__tostring = function(t) return tostring(t) end}) return tostring(t)",
            "local function x() return select(2, xpcall(x, function(e) return e end)) end return x()",
        };
        for (String s : scripts) {
            Throwable thrown = null;
            try {
                LuaFixture.onThread(0, () -> f.run(s));
            } catch (LuaError e) {
                thrown = e;
                assertTrue(e.getMessage().contains("stack overflow"), s + " -> " + e.getMessage());
            }
            // pcall nesting ends in a caught error, and that is fine too
            assertTrue(thrown != null || s.contains("pcall"), s);
        }
        assertTrue(LuaFixture.coroutineThreads().isEmpty());
        assertEquals(2, f.run("return 2").arg1().toint());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void coroutineBound(boolean compile) {
        LuaFixture f = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(compile).withMaxCoroutines(100));
        LuaError e = assertThrows(LuaError.class, () -> f.run(
                "local t = {} for i = 1, 101 do t[i] = coroutine.create(function() coroutine.yield() end) "
                + "coroutine.resume(t[i]) end"));
        assertEquals("user_script:1: too many coroutines (at most 100 alive in a script)", e.getMessage());
        assertTrue(LuaFixture.coroutineThreads().isEmpty());
        // dead ones do not count
        assertEquals(1000, f.run("local n = 0 for i = 1, 1000 do "
                + "local g = coroutine.wrap(function() coroutine.yield(1) end) n = n + g() g() end return n")
                .arg1().toint());
        assertTrue(LuaFixture.coroutineThreads().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void heapBound(boolean compile) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long base = rt.totalMemory() - rt.freeMemory();
        long limit = base + (96L << 20);
        LuaFixture f = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(compile).withHeapLimitBytes(limit)
                .withPollInterval(1000));
        ScriptAbort a = assertThrows(ScriptAbort.class, () -> f.run("local t = {} while true do t[#t + 1] = {} end"));
        assertEquals(ScriptAbort.Reason.MEMORY, a.reason());
        assertEquals("not enough memory", a.getMessage());
        LuaFixture g = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(compile).withHeapLimitBytes(limit)
                .withPollInterval(1));
        // the string doubling meets either the heap bound or the engine's 512 MB string bound first
        Throwable t = assertThrows(Throwable.class, () -> g.run("local s = 'x' while true do s = s .. s end"));
        assertTrue(t instanceof ScriptAbort sa && sa.reason() == ScriptAbort.Reason.MEMORY
                || t instanceof org.luaj.vm2.LuaError && t.getMessage().contains("not enough memory"), t.toString());
        // not catchable either
        a = assertThrows(ScriptAbort.class, () -> f.run(
                "local t = {} while true do pcall(function() for i = 1, 1000 do t[#t + 1] = {i} end end) end"));
        assertEquals(ScriptAbort.Reason.MEMORY, a.reason());
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        assertTrue(after < base + (48L << 20), "reclaimed: " + (after - base) / 1024 / 1024 + " MiB above base");
        assertEquals(3, f.run("return 1 + 2").arg1().toint());
    }
}
