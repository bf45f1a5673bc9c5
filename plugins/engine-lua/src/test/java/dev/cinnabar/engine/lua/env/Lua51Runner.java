package dev.cinnabar.engine.lua.env;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.ZeroArgFunction;

/**
 * Runs a script body the way EVAL does (chunk {@code @user_script}, protected globals, KEYS/ARGV)
 * and renders the result as Redis would reply, in record.py's one-line notation. The globals the
 * other engine parts add (redis, cjson, ...) are stand-ins here, only so that listings match.
 */
final class Lua51Runner {

    final Globals g;

    Lua51Runner(boolean withDebugLib) {
        g = LuaEnvironment.create();
        if (withDebugLib) {
            LuaEnvironment.installDebugLib(g, new DebugLib());
        }
        for (String n : new String[] {"redis", "cjson", "cmsgpack", "struct", "bit"}) {
            g.set(n, new LuaTable());
        }
        g.set("__redis__err__handler", new ZeroArgFunction() {
            public LuaValue call() {
                return NIL;
            }
        });
        LuaEnvironment.protect(g);
    }

    String run(String body) {
        LuaFunction f;
        try {
            f = LuaEnvironment.compile(g, body.getBytes(StandardCharsets.ISO_8859_1), "@user_script");
        } catch (LuaError e) {
            return "-ERR Error compiling script (new function): " + esc(e.getMessage());
        }
        LuaEnvironment.setGlobal(g, "KEYS", new LuaTable());
        LuaEnvironment.setGlobal(g, "ARGV", new LuaTable());
        Varargs r;
        try {
            r = f.invoke(LuaValue.NONE).eval();
        } catch (LuaError e) {
            LuaValue m = e.getMessageObject();
            return "-ERR " + esc(m == null ? "nil" : m.tojstring());
        }
        return render(r.arg1());
    }

    static String render(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TNUMBER:
                return ":" + Args51.toInteger(v.todouble());
            case LuaValue.TSTRING:
                return "\"" + esc((LuaString) v) + "\"";
            case LuaValue.TBOOLEAN:
                return v.toboolean() ? ":1" : "nil";
            case LuaValue.TTABLE: {
                LuaValue err = v.rawget("err");
                if (err.isstring()) return "-" + esc(err.strvalue());
                LuaValue ok = v.rawget("ok");
                if (ok.isstring()) return "+" + esc(ok.strvalue());
                StringBuilder sb = new StringBuilder("[");
                for (int i = 1; ; i++) {
                    LuaValue e = v.rawget(i);
                    if (e.isnil()) break;
                    if (i > 1) sb.append(", ");
                    sb.append(render(e));
                }
                return sb.append(']').toString();
            }
            default:
                return "nil";
        }
    }

    static String esc(String s) {
        return esc(LuaString.valueOf(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static String esc(LuaString s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            int c = s.luaByte(i);
            if (c == '\\') sb.append("\\\\");
            else if (c == '"') sb.append("\\\"");
            else if (c >= 32 && c < 127) sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
