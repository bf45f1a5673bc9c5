package dev.cinnabar.engine.js;

import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptVm.FunctionRegistrar;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code redis.registerFunction(name, fn[, {flags: [...], description: '...'}])}, and Redis's own
 * spellings {@code redis.register_function(name, fn)} and
 * {@code redis.register_function({function_name, callback, flags, description})}; only while a
 * library loads. Error texts follow Redis's {@code luaRegisterFunctionReadArgs}.
 */
final class FunctionRegistration {

    static final String[] FLAGS = {"no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"};

    private final RunState state;

    FunctionRegistration(RunState state) {
        this.state = state;
    }

    private RuntimeException fail(String msg) {
        return JsErrors.raise(state.cx, state.scope, msg);
    }

    Object register(Object[] args, boolean redisSpelling) {
        FunctionRegistrar r = state.registrar;
        if (r == null) {
            throw fail(JsErrors.REGISTER_OUTSIDE_LOAD);
        }
        String name;
        Function callback;
        Set<String> flags = new LinkedHashSet<>();
        String description = null;
        if (args.length == 1 && args[0] instanceof Scriptable named && !(args[0] instanceof Function)) {
            name = null;
            callback = null;
            for (Object id : named.getIds()) {
                String key = id.toString();
                Object v = ScriptableObject.getProperty(named, key);
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "function_name" -> {
                        if (!(v instanceof CharSequence s)) {
                            throw fail("function_name argument given to redis.register_function must be a string");
                        }
                        name = s.toString();
                    }
                    case "callback" -> {
                        if (!(v instanceof Function f)) {
                            throw fail("callback argument given to redis.register_function must be a function");
                        }
                        callback = f;
                    }
                    case "flags", "description" -> description = option(key, v, flags, description);
                    default -> throw fail("unknown argument given to redis.register_function");
                }
            }
            if (name == null) {
                throw fail("redis.register_function must get a function name argument");
            }
            if (callback == null) {
                throw fail("redis.register_function must get a callback argument");
            }
        } else {
            int max = redisSpelling ? 2 : 3;
            if (args.length < 2 || args.length > max) {
                throw fail("wrong number of arguments to redis." + (redisSpelling ? "register_function" : "registerFunction"));
            }
            if (!(args[0] instanceof CharSequence s)) {
                throw fail("first argument to redis.register_function must be a string");
            }
            if (!(args[1] instanceof Function f)) {
                throw fail("second argument to redis.register_function must be a function");
            }
            name = s.toString();
            callback = f;
            if (args.length == 3 && args[2] != null && !Context.getUndefinedValue().equals(args[2])) {
                if (!(args[2] instanceof Scriptable options) || args[2] instanceof Function) {
                    throw fail("third argument to redis.registerFunction must be an object of options (flags, description)");
                }
                for (Object id : options.getIds()) {
                    String key = id.toString();
                    if (!key.equals("flags") && !key.equals("description")) {
                        throw fail("unknown option given to redis.registerFunction: " + key);
                    }
                    description = option(key, ScriptableObject.getProperty(options, key), flags, description);
                }
            }
        }
        try {
            r.register(name, state.vm.function(callback), flags, description);
        } catch (ScriptException e) {
            throw new JavaScriptException(JsErrors.error(state.cx, state.scope, e.errorText(), false), null, 0);
        }
        return Context.getUndefinedValue();
    }

    /** Reads {@code flags} into {@code flags}, or returns the new {@code description}. */
    private String option(String key, Object v, Set<String> flags, String description) {
        if (key.equalsIgnoreCase("description")) {
            if (!(v instanceof CharSequence d)) {
                throw fail("description argument given to redis.register_function must be a string");
            }
            return d.toString();
        }
        if (!(v instanceof NativeArray list)) {
            throw fail("flags argument to redis.register_function must be a table representing function flags");
        }
        for (int i = 0; i < list.getLength(); i++) {
            Object f = ScriptableObject.getProperty(list, i);
            String known = f instanceof CharSequence s ? known(s.toString().toLowerCase(Locale.ROOT)) : null;
            if (known == null) {
                throw fail("unknown flag given");
            }
            flags.add(known);
        }
        return description;
    }

    private static String known(String flag) {
        for (String f : FLAGS) {
            if (f.equals(flag)) {
                return f;
            }
        }
        return null;
    }
}
