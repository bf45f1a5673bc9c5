package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.ScriptEngine;
import dev.cinnabar.engine.lua.exec.ExecutionLimits;

/**
 * The bounds every Lua run is held to, from JVM system properties (set them in
 * {@code CINNABAR_JAVA_OPTS}); a hostile script that reaches one gets an error reply, the server
 * goes on:
 * <ul>
 *   <li>{@code cinnabar.lua.max-memory}: heap bytes in use (after a collection) above which the run
 *       ends with {@code not enough memory}; default 0, meaning the JVM's max heap less a tenth of
 *       it (at least 64 MiB).</li>
 *   <li>{@code cinnabar.lua.max-call-depth}: nested Lua calls on the executor, default 16000 (Lua
 *       5.1's own bound is about as deep); one more is {@code stack overflow}. At most what the
 *       executor's 64 MiB stack holds.</li>
 *   <li>{@code cinnabar.lua.max-coroutine-call-depth}: the same on a coroutine's thread, which has
 *       the JVM's default stack ({@code -Xss}); default 480 for 1 MiB.</li>
 *   <li>{@code cinnabar.lua.max-coroutines}: coroutines alive at once in one run, default 1000 (each
 *       is a Java thread in LuaJ).</li>
 * </ul>
 * Strings are bounded at 512 MB ({@code proto-max-bulk-len}'s default) whatever these say.
 */
final class ConfiguredLimits {

    private ConfiguredLimits() {
    }

    static ExecutionLimits fromSystemProperties() {
        int maxExecutorDepth = ExecutionLimits.depthFor(ScriptEngine.EXECUTOR_STACK_BYTES);
        ExecutionLimits l = ExecutionLimits.DEFAULT.withCompile(false);
        l = l.withMaxCallDepth(Math.min(maxExecutorDepth,
                (int) positive("cinnabar.lua.max-call-depth", maxExecutorDepth)));
        l = l.withMaxCoroutineCallDepth((int) positive("cinnabar.lua.max-coroutine-call-depth", l.maxCoroutineCallDepth()));
        l = l.withMaxCoroutines((int) positive("cinnabar.lua.max-coroutines", l.maxCoroutines()));
        l = l.withHeapLimitBytes(Math.max(0, positive("cinnabar.lua.max-memory", 0)));
        return l;
    }

    /** The property's value, or {@code fallback} when it is unset or not a positive number. */
    private static long positive(String name, long fallback) {
        String v = System.getProperty(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            System.getLogger(ConfiguredLimits.class.getName()).log(System.Logger.Level.WARNING,
                    "ignoring -D" + name + "=" + v + ": not a number");
            return fallback;
        }
    }
}
