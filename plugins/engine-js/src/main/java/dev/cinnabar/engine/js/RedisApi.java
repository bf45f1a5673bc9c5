package dev.cinnabar.engine.js;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.script.ScriptHost;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The global {@code redis} object (the JavaScript face of Redis's {@code script_lua.c}): commands,
 * reply helpers, logging, protocol and replication settings, and function registration
 * ({@link FunctionRegistration}). Sealed: scripts cannot replace or add members.
 */
final class RedisApi {

    static final String VERSION = "7.0.15";
    static final int VERSION_NUM = 0x07000f;

    private final RunState state;

    private RedisApi(RunState state) {
        this.state = state;
    }

    static ScriptableObject create(RunState state) {
        RedisApi api = new RedisApi(state);
        Context cx = state.cx;
        Scriptable scope = state.scope;
        ScriptableObject redis = (ScriptableObject) cx.newObject(scope);
        api.function(redis, "call", 1, (c, s, t, args) -> api.call(args, true));
        api.function(redis, "pcall", 1, (c, s, t, args) -> api.call(args, false));
        api.function(redis, "error_reply", 1, (c, s, t, args) -> api.errorReply(args));
        api.function(redis, "status_reply", 1, (c, s, t, args) -> api.statusReply(args));
        api.function(redis, "log", 2, (c, s, t, args) -> api.log(args));
        api.function(redis, "setresp", 1, (c, s, t, args) -> api.setResp(args));
        api.function(redis, "set_repl", 1, (c, s, t, args) -> api.setRepl(args));
        api.function(redis, "sha1hex", 1, (c, s, t, args) -> api.sha1hex(args));
        api.function(redis, "acl_check_cmd", 1, (c, s, t, args) -> api.aclCheck(args));
        FunctionRegistration registration = new FunctionRegistration(state);
        api.function(redis, "registerFunction", 2, (c, s, t, args) -> registration.register(args, false));
        api.function(redis, "register_function", 2, (c, s, t, args) -> registration.register(args, true));
        constant(redis, "LOG_DEBUG", ScriptHost.LOG_DEBUG);
        constant(redis, "LOG_VERBOSE", ScriptHost.LOG_VERBOSE);
        constant(redis, "LOG_NOTICE", ScriptHost.LOG_NOTICE);
        constant(redis, "LOG_WARNING", ScriptHost.LOG_WARNING);
        constant(redis, "REPL_NONE", 0);
        constant(redis, "REPL_AOF", 1);
        constant(redis, "REPL_SLAVE", 2);
        constant(redis, "REPL_REPLICA", 2);
        constant(redis, "REPL_ALL", 3);
        redis.defineProperty("REDIS_VERSION", VERSION, ScriptableObject.READONLY | ScriptableObject.PERMANENT);
        constant(redis, "REDIS_VERSION_NUM", VERSION_NUM);
        redis.sealObject();
        return redis;
    }

    private static void constant(ScriptableObject redis, String name, int value) {
        redis.defineProperty(name, value, ScriptableObject.READONLY | ScriptableObject.PERMANENT);
    }

    private void function(ScriptableObject redis, String name, int length, Callable body) {
        LambdaFunction f = new LambdaFunction(state.scope, name, length, body);
        f.sealObject();
        redis.defineProperty(name, f, ScriptableObject.READONLY | ScriptableObject.PERMANENT);
    }

    private RuntimeException raise(String msg) {
        return JsErrors.raise(state.cx, state.scope, msg);
    }

    /** {@code redis.call} (throws command errors) and {@code redis.pcall} (returns them). */
    private Object call(Object[] args, boolean raise) {
        Object result = run(args);
        if (raise && result instanceof Scriptable s && ScriptableObject.getProperty(s, JsErrors.ERR) instanceof CharSequence) {
            throw new org.mozilla.javascript.JavaScriptException(s, null, 0);
        }
        return result;
    }

    private Object run(Object[] args) {
        ScriptHost host = state.host;
        if (host == null) {
            return fail(JsErrors.normalise(JsErrors.NOT_DURING_LOAD));
        }
        if (args.length == 0) {
            return fail(JsErrors.normalise(JsErrors.NO_ARGUMENTS));
        }
        byte[][] argv = argv(args);
        if (argv == null) {
            return fail(JsErrors.normalise(JsErrors.BAD_ARGUMENTS));
        }
        JsReplyBuilder b = state.replies;
        try {
            host.call(argv, b.reset(state.protocol), state.protocol);
        } catch (CommandException e) {
            return fail(e.errorText());
        }
        return b.result();
    }

    private Scriptable fail(String msg) {
        return JsErrors.error(state.cx, state.scope, JsErrors.withCode(msg), false);
    }

    /** Script values to command arguments: strings byte-per-char, numbers as Redis formats Lua's ({@code %.17g}). */
    static byte[][] argv(Object[] args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof CharSequence s) {
                argv[i] = JsStrings.bytes(s.toString());
            } else if (a instanceof Integer n) {
                argv[i] = Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
            } else if (a instanceof Number n) {
                double d = n.doubleValue();
                String text = d == Math.rint(d) && Math.abs(d) < 0x1p53 ? Long.toString((long) d) : Numbers.formatDouble(d);
                argv[i] = text.getBytes(StandardCharsets.US_ASCII);
            } else {
                return null;
            }
        }
        return argv;
    }

    private Object errorReply(Object[] args) {
        if (args.length != 1 || !(args[0] instanceof CharSequence text)) {
            throw raise("wrong number or type of arguments");
        }
        String s = JsErrors.replyText(text.toString());
        return JsErrors.error(state.cx, state.scope, JsErrors.normalise(s.startsWith("-") ? s : "-" + s), false);
    }

    private Object statusReply(Object[] args) {
        if (args.length != 1 || !(args[0] instanceof CharSequence text)) {
            throw raise("wrong number or type of arguments");
        }
        Scriptable o = state.cx.newObject(state.scope);
        ScriptableObject.putProperty(o, "ok", text.toString());
        return o;
    }

    private Object log(Object[] args) {
        if (args.length < 2) {
            throw raise("redis.log() requires two arguments or more.");
        }
        if (!(args[0] instanceof Number n)) {
            throw raise("First argument must be a number (log level).");
        }
        double level = n.doubleValue();
        if (level < 0 || level > 3 || level != Math.rint(level)) {
            throw raise("Invalid debug level.");
        }
        StringBuilder msg = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            Object a = args[i];
            if (!(a instanceof CharSequence || a instanceof Number)) {
                continue;
            }
            if (msg.length() > 0) {
                msg.append(' ');
            }
            msg.append(ScriptRuntime.toString(a));
        }
        if (state.host != null) {
            state.host.log((int) level, msg.toString());
        } else if (state.registrar != null) {
            state.registrar.log((int) level, msg.toString());
        }
        return Context.getUndefinedValue();
    }

    private Object setResp(Object[] args) {
        if (args.length != 1) {
            throw raise("redis.setresp() requires one argument.");
        }
        double resp = args[0] instanceof Number n ? n.doubleValue() : 0;
        if (resp != 2 && resp != 3) {
            throw raise("RESP version must be 2 or 3.");
        }
        state.protocol = (int) resp;
        return Context.getUndefinedValue();
    }

    private Object setRepl(Object[] args) {
        if (args.length != 1) {
            throw raise("redis.set_repl() requires one argument.");
        }
        double flags = args[0] instanceof Number n ? n.doubleValue() : -1;
        if (flags < 0 || flags > 3 || flags != Math.rint(flags)) {
            throw raise("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
        }
        if (state.host != null) {
            state.host.replicationFlags((int) flags);
        }
        return Context.getUndefinedValue();
    }

    private Object sha1hex(Object[] args) {
        if (args.length != 1) {
            throw raise("wrong number of arguments");
        }
        byte[] data = args[0] instanceof CharSequence s ? JsStrings.bytes(s.toString()) : new byte[0];
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(data);
            StringBuilder sb = new StringBuilder(40);
            for (byte x : d) {
                sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object aclCheck(Object[] args) {
        if (state.host == null) {
            throw raise(JsErrors.NOT_DURING_LOAD);
        }
        if (args.length == 0) {
            throw raise(JsErrors.NO_ARGUMENTS);
        }
        byte[][] argv = argv(args);
        if (argv == null) {
            throw raise(JsErrors.BAD_ARGUMENTS);
        }
        try {
            return state.host.aclCheck(argv);
        } catch (CommandException e) {
            throw new org.mozilla.javascript.JavaScriptException(JsErrors.error(state.cx, state.scope, e.errorText(), false), null, 0);
        }
    }
}
