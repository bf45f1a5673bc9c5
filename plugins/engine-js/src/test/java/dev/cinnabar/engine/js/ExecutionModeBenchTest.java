package dev.cinnabar.engine.js;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

/**
 * Interpreted against compiled Rhino, through the SPI with the fake host: a one-command function
 * and a 200-iteration loop. A measurement, not a test (no timed assertions): run with
 * {@code -Dcinnabar.bench=true}, once as is and once with {@code -Dcinnabar.js.optimization=9}.
 */
@EnabledIfSystemProperty(named = "cinnabar.bench", matches = "true")
class ExecutionModeBenchTest {

    @Test
    void oneCommandAndALoop() throws Exception {
        ScriptVm vm = new JsScriptEngine().createVm(ScriptVm.Kind.EVAL);
        FakeHost host = new FakeHost();
        CompiledScript incr = vm.compile("\nreturn redis.call('int', KEYS[0]);".getBytes());
        CompiledScript loop = vm.compile("\nvar s = 0; for (var i = 1; i <= 200; i++) { s = s + i; } return s;".getBytes());
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) {
                incr.run(host.run("x", new RespText(2), List.of("k"), List.of()));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 200_000; i++) {
                loop.run(host.run("x", new RespText(2), List.of(), List.of()));
            }
            long t2 = System.nanoTime();
            System.err.printf("optimization %d: one command %.0f ns/run, loop of 200 %.0f ns/run%n",
                    JsContextFactory.OPTIMIZATION, (t1 - t0) / 1e6, (t2 - t1) / 2e5);
        }
        vm.close();
    }
}
