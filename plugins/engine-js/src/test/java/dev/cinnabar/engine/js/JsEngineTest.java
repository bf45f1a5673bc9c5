package dev.cinnabar.engine.js;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptVm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine through the SPI alone, with a fake host: results, conversions, errors, sandbox, kill. */
class JsEngineTest {

    private final ScriptVm vm = new JsScriptEngine().createVm(ScriptVm.Kind.EVAL);
    private final FakeHost host = new FakeHost();

    @AfterEach
    void close() {
        vm.close();
    }

    private String eval(String body, int protocol, List<String> keys, List<String> args) {
        RespText out = new RespText(protocol);
        CompiledScript s;
        try {
            s = vm.compile(("\n" + body).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (ScriptException e) {
            return "compile: " + e.errorText();
        }
        host.error = null;
        s.run(host.run("sha", out, keys, args));
        return host.error != null ? "-" + host.error : out.toString();
    }

    private String eval(String body) {
        return eval(body, 2, List.of(), List.of());
    }

    private String eval3(String body) {
        return eval(body, 3, List.of(), List.of());
    }

    @Test
    void bodyIsAFunctionBodyWithKeysAndArgv() {
        assertEquals(":42\r\n", eval("return 40 + 2;"));
        assertEquals("*2\r\n$1\r\nk\r\n$1\r\nb\r\n", eval("return [KEYS[0], ARGV[1]];", 2, List.of("k"), List.of("a", "b")));
        assertEquals(":3\r\n", eval("return KEYS.length + ARGV.length;", 2, List.of("k"), List.of("a", "b")));
        assertEquals("$-1\r\n", eval("var x = 1;"));
    }

    @Test
    void bytesRoundTripByteForByte() {
        String binary = "\u0000\u00ff\u00e9\r\n\u0080";
        assertEquals("$6\r\n" + binary + "\r\n", eval("return ARGV[0];", 2, List.of(), List.of(binary)));
        assertEquals("*1\r\n$6\r\n" + binary + "\r\n", eval("return redis.call('echoargs', ARGV[0]);", 2, List.of(), List.of(binary)));
        assertEquals(":6\r\n", eval("return ARGV[0].length;", 2, List.of(), List.of(binary)));
        // a char above U+00FF cannot be a byte: the string goes out as UTF-8
        assertEquals("$3\r\n\u00e2\u0082\u00ac\r\n", eval("return '\\u20ac';"));
    }

    @Test
    void numbersBooleansAndNullsFollowLuasRules() {
        assertEquals(":3\r\n", eval("return 3.99;"));
        assertEquals(":-3\r\n", eval("return -3.5;"));
        assertEquals(":1\r\n", eval("return true;"));
        assertEquals("$-1\r\n", eval("return false;"));
        assertEquals("$-1\r\n", eval("return null;"));
        assertEquals("$-1\r\n", eval("return undefined;"));
        assertEquals("#t\r\n", eval3("redis.setresp(3); return true;"));
        assertEquals("#f\r\n", eval3("redis.setresp(3); return false;"));
        assertEquals("_\r\n", eval3("return null;"));
        assertEquals("$1\r\n7\r\n", eval("return '7';"));
    }

    @Test
    void arraysObjectsAndMarkers() {
        assertEquals("*3\r\n:1\r\n$-1\r\n$1\r\na\r\n", eval("return [1, null, 'a'];"));
        assertEquals("*0\r\n", eval("return [];"));
        assertEquals("*2\r\n*1\r\n:1\r\n*0\r\n", eval("return [[1], []];"));
        assertEquals("+FINE\r\n", eval("return {ok: 'FINE'};"));
        assertEquals("+FINE\r\n", eval("return redis.status_reply('FINE');"));
        // an error as the whole reply goes through the host (which counts it)
        assertEquals("-MY failure", eval("return {err: 'MY failure'};"));
        assertEquals("-MY failure", eval("return redis.error_reply('MY failure');"));
        assertEquals("-ERR plain", eval("return redis.error_reply('plain');"));
        assertEquals("-ERR boom", eval("return new Error('boom');"));
        assertEquals("*1\r\n-MY failure\r\n", eval("return [{err: 'MY failure'}];"));
        assertEquals("$3\r\n1.5\r\n", eval("return {double: 1.5};"));
        assertEquals(",1.5\r\n", eval3("return {double: 1.5};"));
        assertEquals("(123456789012345678901234567890\r\n", eval3("return {big_number: '123456789012345678901234567890'};"));
        assertEquals("=7\r\ntxt:abc\r\n", eval3("return {verbatim_string: {format: 'txt', string: 'abc'}};"));
        assertEquals("%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n*1\r\n:2\r\n", eval3("return {a: 1, b: [2]};"));
        assertEquals("*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n", eval("return {a: 1, b: 2};"));
        assertEquals("%1\r\n$3\r\nerr\r\n:1\r\n", eval3("return {map: {err: 1}};"));
        assertEquals("~2\r\n$1\r\nx\r\n$1\r\ny\r\n", eval3("return {set: ['x', 'y']};"));
        assertEquals("~1\r\n$1\r\nx\r\n", eval3("return {set: {x: true}};"));
        String cycle = eval("var a = []; a.push(a); return a;");
        assertTrue(cycle.startsWith("*1\r\n*1\r\n") && cycle.endsWith("-" + JsErrors.NESTING + "\r\n"), cycle);
    }

    @Test
    void commandRepliesBecomeValues() {
        assertEquals(":42\r\n", eval("return redis.call('int');"));
        assertEquals("$6\r\nnumber\r\n", eval("return typeof redis.call('int');"));
        assertEquals("+OK\r\n", eval("return redis.call('status');"));
        assertEquals("$2\r\nOK\r\n", eval("return redis.call('status').ok;"));
        assertEquals("$4\r\ntrue\r\n", eval("return String(redis.call('null') === null);"));
        assertEquals("*3\r\n$1\r\n1\r\n$3\r\n1.5\r\n$2\r\n-7\r\n", eval("return redis.call('echoargs', 1, 1.5, -7);"));
        // RESP2: a map arrives flat, a double as a string, a boolean as 1
        assertEquals("*6\r\n$1\r\nd\r\n$3\r\n1.5\r\n$1\r\nb\r\n:1\r\n$1\r\ns\r\n*1\r\n$1\r\nm\r\n", eval("return redis.call('resp3');"));
        // RESP3 after setresp(3): {map}, {double}, booleans, {set}
        assertEquals("$23\r\n1.5 boolean true object\r\n",
                eval3("redis.setresp(3); var r = redis.call('resp3'); return [r.map.d.double, typeof r.map.b, r.map.s.set.m, typeof r.map].join(' ');"));
        assertEquals("%3\r\n$1\r\nd\r\n,1.5\r\n$1\r\nb\r\n#t\r\n$1\r\ns\r\n~1\r\n$1\r\nm\r\n", eval3("redis.setresp(3); return redis.call('resp3');"));
    }

    @Test
    void commandErrorsAreThrownOrReturned() {
        String uncaught = eval("return redis.call('fail');");
        assertTrue(uncaught.startsWith("-WRONGTYPE Operation against a key holding the wrong kind of value script: sha, on @user_script:2."), uncaught);
        assertTrue(host.errorFromCommand);
        assertEquals("$2\r\nok\r\n", eval("try { redis.call('fail'); } catch (e) { return e instanceof Error && e.message === e.err ? 'ok' : 'no'; }"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value", eval("return redis.pcall('fail');"));
        assertTrue(host.errorFromCommand);
        String unknown = eval("return redis.call('nosuch');");
        assertTrue(unknown.startsWith("-ERR Unknown Redis command called from script script: sha"), unknown);
        assertTrue(eval("return redis.call({});").startsWith("-ERR JS redis lib command arguments must be strings or numbers"), eval("return redis.call({});"));
        assertTrue(eval("return redis.call();").startsWith("-ERR Please specify at least one argument"));
        assertTrue(eval("throw 'custom';").startsWith("-ERR custom script: sha, on @user_script:2."), eval("throw 'custom';"));
        assertTrue(eval("null.x;").startsWith("-ERR TypeError: "), eval("null.x;"));
        assertTrue(eval("redis.setresp(4);").startsWith("-ERR RESP version must be 2 or 3."));
    }

    @Test
    void compileErrorsUseRedisWording() {
        String r = eval("return (;");
        assertTrue(r.startsWith("compile: ERR Error compiling script (new function): user_script:2: "), r);
        r = eval("}); (function() {");
        assertTrue(r.startsWith("compile: ERR Error compiling script (new function): user_script"), r);
    }

    @Test
    void logWritesThroughTheHost() {
        eval("redis.log(redis.LOG_WARNING, 'hello', 'world', 3);");
        assertEquals(List.of("3 hello world 3"), host.log);
        assertTrue(eval("redis.log(9, 'x');").startsWith("-ERR Invalid debug level."));
    }

    @Test
    void noJavaNoGlobalsNoHostFunctions() {
        assertTrue(eval("java.lang.System.exit(0);").startsWith("-ERR ReferenceError: \"java\" is not defined"), eval("java.lang.System.exit(0);"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof Packages;"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof importPackage;"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof getClass;"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof load + typeof print === 'undefinedundefined' ? 'undefined' : 'defined';"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof JavaAdapter;"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof Continuation;"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof Promise;"));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof ({}).getClass;"));
        assertEquals("$9\r\nundefined\r\n", eval("try { redis.call('fail'); } catch (e) { return typeof e.javaException; }"));
        assertTrue(eval("leak = 1;").startsWith("-ERR "), eval("leak = 1;"));
        assertTrue(eval("Object.prototype.polluted = 1;").startsWith("-ERR "));
        assertTrue(eval("redis.call = function() { return 1; };").startsWith("-ERR "));
        assertEquals("$9\r\nundefined\r\n", eval("return typeof polluted;"));
        assertTrue(eval("return (function(){}).constructor('return java')();").startsWith("-ERR ReferenceError"));
    }

    @Test
    void killCannotBeCaughtAndKeepsFiring() {
        host.interruption = () -> host.polls > 3 ? "ERR Script killed by user with SCRIPT KILL..." : null;
        host.polls = 0;
        String r = eval("while (true) { try { while (true) {} } catch (e) {} }");
        assertTrue(r.startsWith("-ERR Script killed by user with SCRIPT KILL... script: sha, on @user_script:2."), r);
        host.polls = 0;
        r = eval("while (true) { try { while (true) {} } finally { while (true) {} } }");
        assertTrue(r.startsWith("-ERR Script killed by user with SCRIPT KILL..."), r);
        host.polls = 0;
        r = eval("while (true) { try { [1, 2, 3].map(function() { while (true) {} }); } catch (e) {} }");
        assertTrue(r.startsWith("-ERR Script killed by user with SCRIPT KILL..."), r);
        // converting the result or the thrown value can run a getter: that is killed too
        host.polls = 0;
        r = eval("return {get ok() { while (true) {} }};");
        assertTrue(r.startsWith("-ERR Script killed by user with SCRIPT KILL..."), r);
        host.polls = 0;
        r = eval("throw {get err() { while (true) {} }};");
        assertTrue(r.startsWith("-ERR Script killed by user with SCRIPT KILL..."), r);
        // the next run is not killed
        host.interruption = () -> null;
        assertEquals(":1\r\n", eval("return 1;"));
    }

    @Test
    void deepRecursionEndsWithAnError() {
        String r = eval("function f(n) { return f(n + 1) + 1; } return f(0);");
        assertTrue(r.startsWith("-ERR ") && r.contains("stack"), r);
        assertEquals(":1\r\n", eval("return 1;"));
    }

    @Test
    void deepRecursionThroughNativesEndsWithAnError() {
        String r = eval("function f(n) { return [n].map(f); } return f(0);");
        assertTrue(r.startsWith("-ERR "), r);
        assertEquals(":1\r\n", eval("return 1;"));
    }

    @Test
    void stringDoublingEndsWithAnError() {
        // each doubling flattens the rope: past 2^31 chars Java cannot hold it (or the heap ends first)
        String r = eval("var s = 'x'; while (true) { s = s + s; s.indexOf('y'); }");
        assertTrue(r.startsWith("-ERR string too long") || r.startsWith("-ERR not enough memory"), r);
        assertEquals(":1\r\n", eval("return 1;"));
    }

    @Test
    void hugeRepeatEndsWithAnError() {
        String r = eval("return 'x'.repeat(1 << 30).repeat(8).length;");
        assertTrue(r.startsWith("-ERR "), r);
        assertEquals(":1\r\n", eval("return 1;"));
    }

    @Test
    void librariesRegisterFunctionsWithFlagsAndDescriptions() throws ScriptException {
        ScriptVm fvm = new JsScriptEngine().createVm(ScriptVm.Kind.FUNCTION);
        Map<String, CompiledScript> registered = new LinkedHashMap<>();
        List<String> meta = new ArrayList<>();
        ScriptVm.FunctionRegistrar registrar = new ScriptVm.FunctionRegistrar() {
            @Override
            public void register(String name, CompiledScript function, Set<String> flags, String description) throws ScriptException {
                if (registered.containsKey(name)) {
                    throw new ScriptException("ERR Function already exists in the library");
                }
                registered.put(name, function);
                meta.add(name + " " + flags + " " + description);
            }
        };
        fvm.loadLibrary(("\nvar prefix = 'v:';\n"
                + "redis.registerFunction('f', function(keys, args) { return prefix + keys[0] + args[0]; });\n"
                + "redis.registerFunction('g', function() { return redis.call('int'); }, {flags: ['no-writes'], description: 'reads'});\n"
                + "redis.register_function({function_name: 'h', callback: function() { return 1; }, flags: ['allow-oom']});\n").getBytes(), registrar);
        assertEquals(List.of("f [] null", "g [no-writes] reads", "h [allow-oom] null"), meta);
        RespText out = new RespText(2);
        registered.get("f").run(host.run("f", out, List.of("k"), List.of("a")));
        assertEquals("$4\r\nv:ka\r\n", out.toString());
        out = new RespText(2);
        registered.get("g").run(host.run("g", out, List.of(), List.of()));
        assertEquals(":42\r\n", out.toString());

        ScriptException dup = assertThrows(ScriptException.class, () -> fvm.loadLibrary(
                "\nredis.registerFunction('x', function() {}); redis.registerFunction('x', function() {});".getBytes(), registrar));
        assertEquals("ERR Error registering functions: ERR Function already exists in the library", dup.errorText());
        ScriptException flag = assertThrows(ScriptException.class, () -> fvm.loadLibrary(
                "\nredis.registerFunction('y', function() {}, {flags: ['bogus']});".getBytes(), registrar));
        assertEquals("ERR Error registering functions: ERR unknown flag given", flag.errorText());
        ScriptException compile = assertThrows(ScriptException.class, () -> fvm.loadLibrary("\nreturn (;".getBytes(), registrar));
        assertTrue(compile.errorText().startsWith("ERR Error compiling function: user_function:2: "), compile.errorText());
        ScriptException call = assertThrows(ScriptException.class, () -> fvm.loadLibrary("\nredis.call('int');".getBytes(), registrar));
        assertTrue(call.errorText().startsWith("ERR Error registering functions: ERR redis.call and redis.pcall are not available"), call.errorText());
        fvm.close();
    }

    @Test
    void libraryLoadEndsWhenTheRegistrarSaysStop() {
        ScriptVm fvm = new JsScriptEngine().createVm(ScriptVm.Kind.FUNCTION);
        int[] polls = {0};
        ScriptVm.FunctionRegistrar registrar = new ScriptVm.FunctionRegistrar() {
            @Override
            public void register(String name, CompiledScript function, Set<String> flags, String description) {
            }

            @Override
            public String interruption() {
                return ++polls[0] > 5 ? "ERR FUNCTION LOAD timeout" : null;
            }
        };
        ScriptException e = assertThrows(ScriptException.class, () -> fvm.loadLibrary("\nwhile (true) { try { while (true) {} } catch (e) {} }".getBytes(), registrar));
        assertEquals("ERR Error registering functions: ERR FUNCTION LOAD timeout", e.errorText());
        fvm.close();
    }
}
