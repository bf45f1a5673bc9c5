package dev.cinnabar.engine.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;

/**
 * Lua strings are bytes; texts of the server (errors, status lines) are ISO-8859-1 Java strings,
 * one char per byte. These conversions keep every byte, where LuaJ's own ({@code tojstring},
 * {@code valueOf(String)}) would go through UTF-8.
 */
final class Bytes {

    private Bytes() {
    }

    static LuaString lua(String text) {
        return LuaString.valueOf(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String text(LuaValue s) {
        LuaString l = s.strvalue();
        byte[] b = new byte[l.m_length];
        l.copyInto(0, b, 0, b.length);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(LuaValue s) {
        LuaString l = s.strvalue();
        byte[] b = new byte[l.m_length];
        l.copyInto(0, b, 0, b.length);
        return b;
    }
}
