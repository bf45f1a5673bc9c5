package dev.cinnabar.engine.lua;

import dev.cinnabar.api.command.CommandException;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The {@code redis} table (Redis's {@code script_lua.c}): calls, replies, logging and constants. */
final class RedisLib {

    static final String VERSION = "7.0.15";
    static final int VERSION_NUM = 0x07000f;

    private RedisLib() {
    }

    static LuaTable create(RunState state) {
        LuaTable redis = new LuaTable();
        redis.rawset("call", new Call(state, true));
        redis.rawset("pcall", new Call(state, false));
        redis.rawset("error_reply", new ErrorReply());
        redis.rawset("status_reply", new StatusReply());
        redis.rawset("sha1hex", new Sha1Hex());
        redis.rawset("log", new Log(state));
        redis.rawset("LOG_DEBUG", LuaValue.valueOf(0));
        redis.rawset("LOG_VERBOSE", LuaValue.valueOf(1));
        redis.rawset("LOG_NOTICE", LuaValue.valueOf(2));
        redis.rawset("LOG_WARNING", LuaValue.valueOf(3));
        redis.rawset("setresp", new SetResp(state));
        redis.rawset("set_repl", new SetRepl(state));
        redis.rawset("REPL_NONE", LuaValue.valueOf(0));
        redis.rawset("REPL_AOF", LuaValue.valueOf(1));
        redis.rawset("REPL_SLAVE", LuaValue.valueOf(2));
        redis.rawset("REPL_REPLICA", LuaValue.valueOf(2));
        redis.rawset("REPL_ALL", LuaValue.valueOf(3));
        redis.rawset("replicate_commands", new Constant(LuaValue.TRUE));
        redis.rawset("breakpoint", new Constant(LuaValue.FALSE));
        redis.rawset("debug", new Constant(LuaValue.NONE));
        redis.rawset("acl_check_cmd", new AclCheck(state));
        redis.rawset("REDIS_VERSION", LuaValue.valueOf(VERSION));
        redis.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(VERSION_NUM));
        return redis;
    }

    /** Raises {@code {err="ERR msg"}} as Redis's {@code luaPushError} + {@code luaError} do. */
    static LuaError raise(String msg) {
        return new LuaError(RedisErrors.table(RedisErrors.normalise(msg)));
    }

    /** Lua arguments to command arguments: strings as they are, numbers as {@code %.17g}; anything else refused. */
    static byte[][] argv(Varargs args, int from) {
        int n = args.narg() - from + 1;
        byte[][] argv = new byte[n][];
        for (int i = 0; i < n; i++) {
            LuaValue a = args.arg(from + i);
            if (a.type() == LuaValue.TSTRING) {
                argv[i] = Bytes.bytes(a);
            } else if (a.type() == LuaValue.TNUMBER) {
                argv[i] = LuaReplyWriter.ascii(Numbers17g.format(a.todouble()));
            } else {
                return null;
            }
        }
        return argv;
    }

    /** {@code redis.call} (raises command errors) and {@code redis.pcall} (returns them). */
    private static final class Call extends VarArgFunction {
        private final RunState state;
        private final boolean raise;

        Call(RunState state, boolean raise) {
            this.state = state;
            this.raise = raise;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue result = run(args);
            if (raise && result.istable() && result.rawget(RedisErrors.ERR).type() == LuaValue.TSTRING) {
                throw new LuaError(result);
            }
            return result;
        }

        private LuaValue run(Varargs args) {
            if (args.narg() == 0) {
                return fail("Please specify at least one argument for this redis lib call");
            }
            byte[][] argv = argv(args, 1);
            if (argv == null) {
                return fail("Lua redis lib command arguments must be strings or integers");
            }
            LuaReplyBuilder b = state.replies;
            try {
                state.host.call(argv, b.reset(state.protocol), state.protocol);
            } catch (CommandException e) {
                return fail(e.errorText());
            }
            return b.result();
        }

        private LuaValue fail(String msg) {
            LuaTable err = RedisErrors.table(msg.startsWith("ERR ") || msg.indexOf(' ') > 0 && isCode(msg)
                    ? msg : RedisErrors.normalise(msg));
            if (raise) {
                throw new LuaError(err);
            }
            return err;
        }

        /** A text that already starts with an upper-case error code ({@code READONLY ...}). */
        private static boolean isCode(String msg) {
            int space = msg.indexOf(' ');
            for (int i = 0; i < space; i++) {
                char c = msg.charAt(i);
                if (c < 'A' || c > 'Z') {
                    return false;
                }
            }
            return space > 0;
        }
    }

    private static final class ErrorReply extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
                return RedisErrors.table("ERR wrong number or type of arguments");
            }
            String s = RedisErrors.cString(Bytes.text(args.arg1()));
            return RedisErrors.table(RedisErrors.normalise(s.startsWith("-") ? s : "-" + s));
        }
    }

    private static final class StatusReply extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
                return RedisErrors.table("ERR wrong number or type of arguments");
            }
            LuaTable t = new LuaTable();
            t.rawset("ok", args.arg1());
            return t;
        }
    }

    private static final class Sha1Hex extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            if (args.narg() != 1) {
                throw raise("wrong number of arguments");
            }
            LuaValue v = args.arg1();
            byte[] data = v.isstring() ? Bytes.bytes(v.tostring()) : new byte[0];
            return LuaValue.valueOf(sha1Hex(data));
        }
    }

    static String sha1Hex(byte[] data) {
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

    private static final class Log extends VarArgFunction {
        private final RunState state;

        Log(RunState state) {
            this.state = state;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (args.narg() < 2) {
                throw raise("redis.log() requires two arguments or more.");
            }
            if (args.arg1().type() != LuaValue.TNUMBER && !(args.arg1().isstring() && args.arg1().tonumber().isnumber())) {
                throw raise("First argument must be a number (log level).");
            }
            int level = (int) args.arg1().todouble();
            if (level < 0 || level > 3) {
                throw raise("Invalid debug level.");
            }
            StringBuilder msg = new StringBuilder();
            for (int i = 2; i <= args.narg(); i++) {
                LuaValue a = args.arg(i);
                if (!a.isstring()) {
                    continue;
                }
                if (msg.length() > 0) {
                    msg.append(' ');
                }
                msg.append(Bytes.text(a.tostring()));
            }
            state.host.log(level, msg.toString());
            return NONE;
        }
    }

    private static final class SetResp extends VarArgFunction {
        private final RunState state;

        SetResp(RunState state) {
            this.state = state;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (args.narg() != 1) {
                throw raise("redis.setresp() requires one argument.");
            }
            LuaValue n = args.arg1().tonumber();
            int resp = n.isnumber() ? (int) n.todouble() : 0;
            if (resp != 2 && resp != 3) {
                throw raise("RESP version must be 2 or 3.");
            }
            state.protocol = resp;
            return NONE;
        }
    }

    private static final class SetRepl extends VarArgFunction {
        private final RunState state;

        SetRepl(RunState state) {
            this.state = state;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (args.narg() != 1) {
                throw raise("redis.set_repl() requires two arguments.");
            }
            LuaValue n = args.arg1().tonumber();
            int flags = n.isnumber() ? (int) n.todouble() : 0;
            if ((flags & ~3) != 0) {
                throw raise("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
            }
            state.host.replicationFlags(flags);
            return NONE;
        }
    }

    private static final class AclCheck extends VarArgFunction {
        private final RunState state;

        AclCheck(RunState state) {
            this.state = state;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (args.narg() == 0) {
                throw raise("Please specify at least one argument for this redis lib call");
            }
            byte[][] argv = argv(args, 1);
            if (argv == null) {
                throw raise("Lua redis lib command arguments must be strings or integers");
            }
            try {
                return LuaValue.valueOf(state.host.aclCheck(argv));
            } catch (CommandException e) {
                throw new LuaError(RedisErrors.table(e.errorText()));
            }
        }
    }

    private static final class Constant extends VarArgFunction {
        private final Varargs value;

        Constant(Varargs value) {
            this.value = value;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return value;
        }
    }

    static LuaString ascii(String s) {
        return LuaString.valueOf(LuaReplyWriter.ascii(s));
    }
}
