package dev.cinnabar.engine.lua;

import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptHost;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.nio.charset.StandardCharsets;

/**
 * Writes a script's return value as the reply (Redis's {@code luaReplyToRedisReply}): tables with
 * {@code err}, {@code ok}, {@code double}, {@code big_number}, {@code verbatim_string},
 * {@code map}, {@code set} fields in that order of precedence, otherwise arrays up to the first
 * nil; booleans follow the script's protocol, everything else the client's.
 */
final class LuaReplyWriter {

    private static final LuaValue OK = LuaValue.valueOf("ok");
    private static final LuaValue DOUBLE = LuaValue.valueOf("double");
    private static final LuaValue BIG_NUMBER = LuaValue.valueOf("big_number");
    private static final LuaValue VERBATIM = LuaValue.valueOf("verbatim_string");
    private static final LuaValue FORMAT = LuaValue.valueOf("format");
    private static final LuaValue STRING = LuaValue.valueOf("string");
    private static final LuaValue MAP = LuaValue.valueOf("map");
    private static final LuaValue SET = LuaValue.valueOf("set");

    /**
     * Nesting at which Redis's {@code lua_checkstack} gives up on a self-referencing table and
     * writes {@code ERR reached lua stack limit} instead.
     */
    static final int MAX_DEPTH = 7995;

    private LuaReplyWriter() {
    }

    static void write(LuaValue v, ReplySink out, ScriptHost host, int scriptProtocol) {
        write(v, out, host, scriptProtocol, 0);
    }

    private static void write(LuaValue v, ReplySink out, ScriptHost host, int scriptProtocol, int depth) {
        switch (v.type()) {
            case LuaValue.TSTRING -> {
                LuaString s = v.strvalue();
                out.bulk(s.m_bytes, s.m_offset, s.m_length);
            }
            case LuaValue.TNUMBER -> out.integer(truncate(v.todouble()));
            case LuaValue.TBOOLEAN -> {
                if (scriptProtocol == 3) {
                    out.bool(v.toboolean());
                } else if (v.toboolean()) {
                    out.integer(1);
                } else {
                    out.nullBulk();
                }
            }
            case LuaValue.TTABLE -> {
                if (depth >= MAX_DEPTH) {
                    out.error("ERR reached lua stack limit");
                    return;
                }
                writeTable((LuaTable) v, out, host, scriptProtocol, depth);
            }
            default -> out.nullBulk();
        }
    }

    private static void writeTable(LuaTable t, ReplySink out, ScriptHost host, int scriptProtocol, int depth) {
        LuaValue f = t.rawget(RedisErrors.ERR);
        if (f.type() == LuaValue.TSTRING) {
            String text = RedisErrors.cString(Bytes.text(f));
            if (t.rawget(RedisErrors.IGNORE_STATS).toboolean()) {
                host.replyError(text, true);
            } else {
                out.error(text);
            }
            return;
        }
        f = t.rawget(OK);
        if (f.type() == LuaValue.TSTRING) {
            out.simple(noCrLf(RedisErrors.cString(Bytes.text(f))));
            return;
        }
        f = t.rawget(DOUBLE);
        if (f.type() == LuaValue.TNUMBER) {
            out.doubleValue(f.todouble());
            return;
        }
        f = t.rawget(BIG_NUMBER);
        if (f.type() == LuaValue.TSTRING) {
            out.bigNumber(noCrLf(RedisErrors.cString(Bytes.text(f))));
            return;
        }
        f = t.rawget(VERBATIM);
        if (f.type() == LuaValue.TTABLE) {
            LuaValue format = f.rawget(FORMAT);
            LuaValue string = f.rawget(STRING);
            if (format.type() == LuaValue.TSTRING && string.type() == LuaValue.TSTRING) {
                String fmt = RedisErrors.cString(Bytes.text(format));
                fmt = fmt.length() >= 3 ? fmt.substring(0, 3) : (fmt + "   ").substring(0, 3);
                out.verbatim(fmt, Bytes.bytes(string));
                return;
            }
        }
        f = t.rawget(MAP);
        if (f.type() == LuaValue.TTABLE) {
            LuaTable m = (LuaTable) f;
            out.map(count(m));
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = m.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                write(k, out, host, scriptProtocol, depth + 1);
                write(n.arg(2), out, host, scriptProtocol, depth + 1);
            }
            return;
        }
        f = t.rawget(SET);
        if (f.type() == LuaValue.TTABLE) {
            LuaTable s = (LuaTable) f;
            out.set(count(s));
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = s.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                write(k, out, host, scriptProtocol, depth + 1);
            }
            return;
        }
        int n = 0;
        while (!t.rawget(n + 1).isnil()) {
            n++;
        }
        out.array(n);
        for (int i = 1; i <= n; i++) {
            write(t.rawget(i), out, host, scriptProtocol, depth + 1);
        }
    }

    private static int count(LuaTable t) {
        int n = 0;
        LuaValue k = LuaValue.NIL;
        while (!(k = t.next(k).arg1()).isnil()) {
            n++;
        }
        return n;
    }

    /** C's {@code (long long)} conversion as Redis does it; NaN, infinities and out-of-range values give LLONG_MIN on x86-64. */
    static long truncate(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    private static String noCrLf(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 ? s.replace('\r', ' ').replace('\n', ' ') : s;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
