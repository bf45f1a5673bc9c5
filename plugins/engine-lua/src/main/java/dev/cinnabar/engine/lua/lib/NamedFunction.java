package dev.cinnabar.engine.lua.lib;

import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** A library function that knows the name it is registered under, for its error messages. */
final class NamedFunction extends VarArgFunction {

    /** The body of a library function. */
    @FunctionalInterface
    interface Body {
        Varargs call(String name, Varargs args);
    }

    private final Body body;

    NamedFunction(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public Varargs invoke(Varargs args) {
        return body.call(name, args);
    }
}
