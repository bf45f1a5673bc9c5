package dev.cinnabar.engine.lua.exec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;

/** A Lua state with LuaJ's plain libraries (the Redis environment is built elsewhere) under execution control. */
final class LuaFixture {

    final Globals globals = new Globals();
    final ExecutionControl control;

    LuaFixture(ExecutionLimits limits) {
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new CoroutineLib());
        // JseMathLib: LuaJ keeps the math library in a static that also serves "^" for every VM
        globals.load(new org.luaj.vm2.lib.jse.JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        control = ExecutionControl.install(globals, limits);
    }

    static Prototype compile(String src) {
        try {
            return LuaC.instance.compile(new ByteArrayInputStream(src.getBytes(StandardCharsets.UTF_8)), "@user_script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LuaFunction load(String src) {
        return control.load(compile(src));
    }

    Varargs run(String src) {
        return run(src, () -> null);
    }

    Varargs run(String src, Supplier<String> kill) {
        return control.run(load(src), LuaValue.NONE, kill);
    }

    Varargs run(String src, Supplier<String> kill, java.util.function.BooleanSupplier due) {
        return control.run(load(src), LuaValue.NONE, kill, due);
    }

    /** runs on a fresh thread with the given stack size (0: the JVM default), rethrowing what it threw */
    static <T> T onThread(long stackSize, Supplier<T> body) {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(body.get());
            } catch (Throwable e) {
                out.set(new Thrown(e));
            }
        }, "lua-test", stackSize);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Object o = out.get();
        if (o instanceof Thrown) {
            Throwable e = ((Thrown) o).t;
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            if (e instanceof Error) {
                throw (Error) e;
            }
            throw new AssertionError(e);
        }
        @SuppressWarnings("unchecked")
        T r = (T) o;
        return r;
    }

    private static final class Thrown {
        final Throwable t;

        Thrown(Throwable t) {
            this.t = t;
        }
    }

    static Set<String> coroutineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("Coroutine-")).collect(Collectors.toSet());
    }

    /** a kill check that fires after the given number of calls */
    static Supplier<String> killAfter(int polls) {
        int[] n = {0};
        return () -> ++n[0] > polls ? "ERR Script killed by user with SCRIPT KILL..." : null;
    }
}
