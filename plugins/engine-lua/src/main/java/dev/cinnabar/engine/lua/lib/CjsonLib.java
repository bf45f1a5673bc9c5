package dev.cinnabar.engine.lua.lib;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Redis's {@code cjson} library (lua-cjson 2.1.0 as bundled in Redis 7.0) on LuaJ.
 *
 * <p>The table holds exactly what Redis exposes: {@code encode}, {@code decode}, {@code new},
 * {@code null}, the seven configuration functions, {@code _NAME} and {@code _VERSION}. Each table
 * has its own configuration, shared by its functions and changed by the configuration functions
 * for the life of the VM, as in Redis; {@code new()} makes a table with a fresh configuration.
 *
 * <p>Errors are raised like {@code luaL_error} raises them: plain messages at level 1, so a call
 * made directly from Lua code gets the caller's position prefixed and one made through
 * {@code pcall(cjson.decode, ...)} does not. Argument errors name the function by its field name
 * ("bad argument #1 to 'encode' (...)"), which is what Redis prints for the usual
 * {@code cjson.encode(...)} call.
 */
public final class CjsonLib {

    private static final String[] BOOL_OPTIONS = {"off", "on"};
    private static final String[] INVALID_NUMBER_OPTIONS = {"off", "on", "null"};

    private CjsonLib() {
    }

    /** A new {@code cjson} table with default settings, to be installed as the global {@code cjson}. */
    public static LuaTable create() {
        return newModule(CjsonNull.create());
    }

    private static LuaTable newModule(LuaValue nullValue) {
        CjsonConfig cfg = new CjsonConfig();
        LuaTable t = new LuaTable();
        t.set("encode", new Fn("encode") {
            @Override
            Varargs call(Varargs args) {
                if (args.narg() != 1) {
                    throw argError(1, "expected 1 argument");
                }
                return CjsonEncoder.encode(cfg, args.arg1());
            }
        });
        t.set("decode", new Fn("decode") {
            @Override
            Varargs call(Varargs args) {
                if (args.narg() != 1) {
                    throw argError(1, "expected 1 argument");
                }
                LuaValue text = args.arg1();
                LuaString json;
                if (text.type() == LuaValue.TSTRING) {
                    json = text.checkstring();
                } else if (text.type() == LuaValue.TNUMBER) {
                    json = numberToString(text);
                } else {
                    throw argError(1, "string expected, got " + text.typename());
                }
                return CjsonDecoder.decode(cfg, nullValue, json);
            }
        });
        t.set("encode_sparse_array", new Fn("encode_sparse_array") {
            @Override
            Varargs call(Varargs args) {
                argInit(args, 3);
                // applied one by one: a bad ratio leaves the new convert setting in place, as in C
                cfg.encodeSparseConvert = enumOption(args, 1, cfg.encodeSparseConvert, BOOL_OPTIONS);
                cfg.encodeSparseRatio = integerOption(args, 2, cfg.encodeSparseRatio, 0, Integer.MAX_VALUE);
                cfg.encodeSparseSafe = integerOption(args, 3, cfg.encodeSparseSafe, 0, Integer.MAX_VALUE);
                return LuaValue.varargsOf(enumResult(cfg.encodeSparseConvert, BOOL_OPTIONS),
                    LuaValue.valueOf(cfg.encodeSparseRatio), LuaValue.valueOf(cfg.encodeSparseSafe));
            }
        });
        t.set("encode_max_depth", new Fn("encode_max_depth") {
            @Override
            Varargs call(Varargs args) {
                argInit(args, 1);
                cfg.encodeMaxDepth = integerOption(args, 1, cfg.encodeMaxDepth, 1, Integer.MAX_VALUE);
                return LuaValue.valueOf(cfg.encodeMaxDepth);
            }
        });
        t.set("decode_max_depth", new Fn("decode_max_depth") {
            @Override
            Varargs call(Varargs args) {
                argInit(args, 1);
                cfg.decodeMaxDepth = integerOption(args, 1, cfg.decodeMaxDepth, 1, Integer.MAX_VALUE);
                return LuaValue.valueOf(cfg.decodeMaxDepth);
            }
        });
        t.set("encode_number_precision", new Fn("encode_number_precision") {
            @Override
            Varargs call(Varargs args) {
                argInit(args, 1);
                cfg.encodeNumberPrecision = integerOption(args, 1, cfg.encodeNumberPrecision, 1, 14);
                return LuaValue.valueOf(cfg.encodeNumberPrecision);
            }
        });
        t.set("encode_keep_buffer", new Fn("encode_keep_buffer") {
            @Override
            Varargs call(Varargs args) {
                argInit(args, 1);
                // the buffer itself is an allocation detail of the C code; only the setting remains
                cfg.encodeKeepBuffer = enumOption(args, 1, cfg.encodeKeepBuffer, BOOL_OPTIONS);
                return enumResult(cfg.encodeKeepBuffer, BOOL_OPTIONS);
            }
        });
        t.set("encode_invalid_numbers", new Fn("encode_invalid_numbers") {
            @Override
            Varargs call(Varargs args) {
                argInit(args, 1);
                cfg.encodeInvalidNumbers = enumOption(args, 1, cfg.encodeInvalidNumbers, INVALID_NUMBER_OPTIONS);
                return enumResult(cfg.encodeInvalidNumbers, INVALID_NUMBER_OPTIONS);
            }
        });
        t.set("decode_invalid_numbers", new Fn("decode_invalid_numbers") {
            @Override
            Varargs call(Varargs args) {
                argInit(args, 1);
                cfg.decodeInvalidNumbers = enumOption(args, 1, cfg.decodeInvalidNumbers, BOOL_OPTIONS);
                return enumResult(cfg.decodeInvalidNumbers, BOOL_OPTIONS);
            }
        });
        t.set("new", new Fn("new") {
            @Override
            Varargs call(Varargs args) {
                return newModule(nullValue);
            }
        });
        t.set("null", nullValue);
        t.set("_NAME", LuaValue.valueOf("cjson"));
        t.set("_VERSION", LuaValue.valueOf("2.1.0"));
        return t;
    }

    /** lua_tolstring on a number: Lua 5.1's "%.14g". */
    static LuaString numberToString(LuaValue number) {
        return LuaString.valueOf(CNumbers.formatGBytes(number.todouble(), 14));
    }

    /** A library function with the lauxlib argument checks it needs. */
    private abstract static class Fn extends VarArgFunction {
        private final String fname;

        Fn(String name) {
            this.fname = name;
            this.name = name;
        }

        abstract Varargs call(Varargs args);

        @Override
        public final Varargs invoke(Varargs args) {
            return call(args);
        }

        /** luaL_argerror. */
        final LuaError argError(int narg, String message) {
            return new LuaError("bad argument #" + narg + " to '" + fname + "' (" + message + ")");
        }

        /** json_arg_init: no more than {@code max} arguments (missing ones read as nil). */
        final void argInit(Varargs args, int max) {
            if (args.narg() > max) {
                throw argError(max + 1, "found too many arguments");
            }
        }

        /** json_integer_option: luaL_checkinteger, then the range check (always blamed on argument #1). */
        final int integerOption(Varargs args, int i, int current, int min, int max) {
            LuaValue v = args.arg(i);
            if (v.isnil()) {
                return current;
            }
            int value = (int) checkInteger(v, i); // lua_Integer to int: the low 32 bits
            if (value < min || value > max) {
                throw argError(1, "expected integer between " + min + " and " + max);
            }
            return value;
        }

        /** json_enum_option: true (1), false (0), or one of the option names (luaL_checkoption). */
        final int enumOption(Varargs args, int i, int current, String[] options) {
            LuaValue v = args.arg(i);
            if (v.isnil()) {
                return current;
            }
            if (v.isboolean()) {
                return v.toboolean() ? 1 : 0;
            }
            return checkOption(v, i, options);
        }

        /** What json_enum_option returns: a boolean for 0 and 1, else the option's name. */
        static LuaValue enumResult(int setting, String[] options) {
            return setting <= 1 ? LuaValue.valueOf(setting == 1) : LuaValue.valueOf(options[setting]);
        }

        /** luaL_checkinteger: a number, or a string that converts to one; truncated as C casts. */
        private long checkInteger(LuaValue v, int i) {
            if (v.type() == LuaValue.TNUMBER) {
                return CNumbers.doubleToLong(v.todouble());
            }
            if (v.type() == LuaValue.TSTRING) {
                LuaString s = v.checkstring();
                byte[] bytes = Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
                Double d = CNumbers.str2number(bytes, bytes.length);
                if (d != null) {
                    return CNumbers.doubleToLong(d);
                }
            }
            throw argError(i, "number expected, got " + v.typename());
        }

        /** luaL_checkoption without a default: the name is read as a C string. */
        private int checkOption(LuaValue v, int i, String[] options) {
            LuaString s;
            if (v.type() == LuaValue.TSTRING) {
                s = v.checkstring();
            } else if (v.type() == LuaValue.TNUMBER) {
                s = numberToString(v);
            } else {
                throw argError(i, "string expected, got " + v.typename());
            }
            int n = 0;
            while (n < s.m_length && s.m_bytes[s.m_offset + n] != 0) {
                n++;
            }
            String name = new String(s.m_bytes, s.m_offset, n, StandardCharsets.UTF_8);
            for (int k = 0; k < options.length; k++) {
                if (options[k].equals(name)) {
                    return k;
                }
            }
            throw argError(i, "invalid option '" + name + "'");
        }
    }
}
