package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;

import java.io.ByteArrayInputStream;

/** The Lua 5.1 environment of Redis on LuaJ (interim: LuaJ's own libraries, without file or Java access). */
public final class LuaEnvironment {

    private LuaEnvironment() {
    }

    public static Globals create() {
        Globals g = new Globals();
        g.load(new BaseLib());
        g.load(new PackageLib());
        g.load(new TableLib());
        g.load(new StringLib());
        g.load(new CoroutineLib());
        g.load(new JseMathLib());
        LoadState.install(g);
        LuaC.install(g);
        for (String name : new String[] {"print", "dofile", "loadfile", "require", "module", "package"}) {
            g.rawset(name, LuaValue.NIL);
        }
        return g;
    }

    public static LuaFunction compile(Globals g, byte[] source, String chunkName) {
        return (LuaFunction) g.load(new ByteArrayInputStream(source), chunkName, "t", g);
    }

    public static void protect(Globals g) {
    }

    public static void setGlobal(Globals g, String name, LuaValue value) {
        g.rawset(name, value);
    }
}
