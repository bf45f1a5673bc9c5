package dev.cinnabar.kernel.script;

import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.api.script.ScriptEngineListener;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ScriptEnginesTest {

    private static ScriptEngine engine(String name) {
        return (ScriptEngine) Proxy.newProxyInstance(ScriptEngine.class.getClassLoader(), new Class<?>[] {ScriptEngine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anotherPluginsListenerCanKeepAnEngineItUses() {
        ScriptEngines engines = new ScriptEngines();
        engines.register(engine("JS"), "engine-js");
        List<String> removed = new ArrayList<>();
        List<String> inUse = new ArrayList<>(List.of("js"));
        engines.addListener(new ScriptEngineListener() {
            @Override
            public Optional<String> refuseRemoval(String engine) {
                return inUse.contains(engine) ? Optional.of("function libraries use it (lib)") : Optional.empty();
            }

            @Override
            public void engineRemoved(String engine) {
                removed.add(engine);
            }
        }, "functions");
        engines.addListener(new ScriptEngineListener() {
            @Override
            public Optional<String> refuseRemoval(String engine) {
                throw new AssertionError("the engine's own plugin is not asked");
            }

            @Override
            public void engineRemoved(String engine) {
            }
        }, "engine-js");

        assertEquals(Optional.of("script engine 'js' is in use: function libraries use it (lib)"), engines.refuseRemoval("engine-js"));
        assertEquals(Optional.empty(), engines.refuseRemoval("engine-other"));
        inUse.clear();
        assertEquals(Optional.empty(), engines.refuseRemoval("engine-js"));
        engines.unregisterOwner("engine-js");
        assertNull(engines.get("js"));
        assertEquals(List.of("js"), removed, "told once the engine is gone");
    }
}
