package dev.cinnabar.engine.lua.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * An error whose message holds bytes that are not ASCII, such as struct's "invalid format option"
 * quoting a byte of the format: a {@code LuaError(String)} would reach Lua as UTF-8 (LuaJ encodes
 * Java strings that way), while C Lua keeps the byte. The message object is the exact bytes, with
 * the position LuaJ adds to every error ("chunk:line" and a space) in front when it has one, as
 * LuaJ's own string errors have it.
 */
final class ByteMessageLuaError extends LuaError {

    private static final long serialVersionUID = 1L;

    private final LuaString bytes;

    ByteMessageLuaError(LuaString bytes) {
        // one char per byte: the engine turns error messages back into Lua strings as ISO-8859-1
        super(latin1(bytes));
        this.bytes = bytes;
    }

    /** The message with whatever position the runtime gave it, byte for byte. */
    @Override
    public LuaValue getMessageObject() {
        String m = getMessage();
        return m == null ? bytes : LuaString.valueOf(m.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static String latin1(LuaString s) {
        byte[] b = new byte[s.m_length];
        s.copyInto(0, b, 0, b.length);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
