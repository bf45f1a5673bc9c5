package dev.cinnabar.engine.lua;

import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptVm.FunctionRegistrar;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What library code sees while it loads (Redis's {@code luaEngineInitEngine}): a {@code redis}
 * table with exactly {@code register_function}, {@code log}, the {@code LOG_*} levels,
 * {@code REDIS_VERSION} and {@code REDIS_VERSION_NUM}; reading anything else, in {@code redis} or
 * as a global, is a nonexistent global variable, and writing anywhere modifies a readonly table.
 * {@code redis.register_function} reads its arguments as {@code luaRegisterFunctionReadArgs} does,
 * with the same error texts.
 */
final class FunctionRegistrationLib {

    static final String[] FLAGS = {"no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"};

    /** {@code __newindex} of the load API's tables. */
    static final LuaFunction READ_ONLY = new VarArgFunction() {
        @Override
        public Varargs invoke(Varargs args) {
            throw new LuaError("Attempt to modify a readonly table");
        }
    };

    private final LuaLibraryLoader loader;
    /** The library loading now, or null: then register_function refuses (a kept reference called by FCALL). */
    private FunctionRegistrar registrar;

    FunctionRegistrationLib(LuaLibraryLoader loader) {
        this.loader = loader;
    }

    void begin(FunctionRegistrar r) {
        registrar = r;
    }

    void end() {
        registrar = null;
    }

    /** The globals of a loading library: {@code redis} only. */
    static LuaTable loadGlobals(FunctionRegistrationLib lib, LuaValue log) {
        LuaTable redis = new LuaTable();
        redis.rawset("register_function", lib.new RegisterFunction());
        redis.rawset("log", log);
        redis.rawset("LOG_DEBUG", LuaValue.valueOf(0));
        redis.rawset("LOG_VERBOSE", LuaValue.valueOf(1));
        redis.rawset("LOG_NOTICE", LuaValue.valueOf(2));
        redis.rawset("LOG_WARNING", LuaValue.valueOf(3));
        redis.rawset("REDIS_VERSION", LuaValue.valueOf(RedisLib.VERSION));
        redis.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(RedisLib.VERSION_NUM));
        LuaTable g = new LuaTable();
        g.rawset("redis", readOnly(redis));
        return readOnly(g);
    }

    /**
     * An empty table that reads through to {@code contents} and refuses every write, so that even
     * existing fields cannot be replaced (Redis marks the table itself read-only).
     */
    private static LuaTable readOnly(LuaTable contents) {
        LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue v = contents.rawget(args.arg(2));
                return v.isnil() ? nonexistent(args.arg(2)) : v;
            }
        });
        meta.rawset(LuaValue.NEWINDEX, READ_ONLY);
        LuaTable t = new LuaTable();
        t.setmetatable(meta);
        return t;
    }

    /** Redis's {@code luaProtectedTableError}. */
    private static LuaValue nonexistent(LuaValue name) {
        if (!name.isstring()) {
            throw new LuaError("Second argument to luaProtectedTableError must be a string or number");
        }
        throw new LuaError("Script attempted to access nonexistent global variable '"
                + RedisErrors.cString(Bytes.text(name.tostring())) + "'");
    }

    private static LuaError fail(String msg) {
        return new LuaError(RedisErrors.table(RedisErrors.normalise(msg)));
    }

    /** {@code redis.register_function}: {@code (name, callback)} or {@code {function_name=, callback=, flags=, description=}}. */
    private final class RegisterFunction extends VarArgFunction {

        @Override
        public Varargs invoke(Varargs args) {
            FunctionRegistrar r = registrar;
            if (r == null) {
                throw fail("redis.register_function can only be called on FUNCTION LOAD command");
            }
            int argc = args.narg();
            if (argc < 1 || argc > 2) {
                throw fail("wrong number of arguments to redis.register_function");
            }
            String name;
            LuaFunction callback;
            Set<String> flags = new LinkedHashSet<>();
            String description = null;
            if (argc == 1) {
                LuaValue t = args.arg1();
                if (!t.istable()) {
                    throw fail("calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).");
                }
                name = null;
                callback = null;
                LuaValue k = LuaValue.NIL;
                while (true) {
                    Varargs n = t.next(k);
                    k = n.arg1();
                    if (k.isnil()) {
                        break;
                    }
                    LuaValue v = n.arg(2);
                    if (!k.isstring()) {
                        throw fail("named argument key given to redis.register_function is not a string");
                    }
                    String key = RedisErrors.cString(Bytes.text(k.tostring()));
                    if (key.equalsIgnoreCase("function_name")) {
                        if (!v.isstring()) {
                            throw fail("function_name argument given to redis.register_function must be a string");
                        }
                        name = Bytes.text(v.tostring());
                    } else if (key.equalsIgnoreCase("description")) {
                        if (!v.isstring()) {
                            throw fail("description argument given to redis.register_function must be a string");
                        }
                        description = Bytes.text(v.tostring());
                    } else if (key.equalsIgnoreCase("callback")) {
                        if (!v.isfunction()) {
                            throw fail("callback argument given to redis.register_function must be a function");
                        }
                        callback = (LuaFunction) v;
                    } else if (key.equalsIgnoreCase("flags")) {
                        if (!v.istable()) {
                            throw fail("flags argument to redis.register_function must be a table representing function flags");
                        }
                        if (!readFlags(v, flags)) {
                            throw fail("unknown flag given");
                        }
                    } else {
                        throw fail("unknown argument given to redis.register_function");
                    }
                }
                if (name == null) {
                    throw fail("redis.register_function must get a function name argument");
                }
                if (callback == null) {
                    throw fail("redis.register_function must get a callback argument");
                }
            } else {
                if (!args.arg1().isstring()) {
                    throw fail("first argument to redis.register_function must be a string");
                }
                if (!args.arg(2).isfunction()) {
                    throw fail("second argument to redis.register_function must be a function");
                }
                name = Bytes.text(args.arg1().tostring());
                callback = (LuaFunction) args.arg(2);
            }
            try {
                r.register(name, loader.function(callback), flags, description);
            } catch (ScriptException e) {
                throw new LuaError(RedisErrors.table(e.errorText()));
            }
            return NONE;
        }
    }

    /** {@code luaRegisterFunctionReadFlags}: {@code flags[1], flags[2], ...} up to the first nil. */
    private static boolean readFlags(LuaValue table, Set<String> into) {
        for (int j = 1; ; j++) {
            LuaValue f = table.get(j);
            if (f.isnil()) {
                return true;
            }
            if (!f.isstring()) {
                return false;
            }
            String s = RedisErrors.cString(Bytes.text(f.tostring())).toLowerCase(Locale.ROOT);
            String known = null;
            for (String flag : FLAGS) {
                if (flag.equals(s)) {
                    known = flag;
                }
            }
            if (known == null) {
                return false;
            }
            into.add(known);
        }
    }
}
