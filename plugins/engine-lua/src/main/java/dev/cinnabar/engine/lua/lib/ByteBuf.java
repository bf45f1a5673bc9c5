package dev.cinnabar.engine.lua.lib;

import java.util.Arrays;
import org.luaj.vm2.LuaString;

/** A growable byte buffer that ends as a {@link LuaString} without decoding anything. */
final class ByteBuf {

    private byte[] bytes;
    private int length;

    ByteBuf(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        long need = (long) length + more;
        if (need > Integer.MAX_VALUE - 8) {
            throw new org.luaj.vm2.LuaError("not enough memory");
        }
        if (need > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * bytes.length)));
        }
    }

    void put(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    /** The low {@code n} bytes of {@code v}, most significant first. */
    void putBigEndian(long v, int n) {
        ensure(n);
        for (int k = n - 1; k >= 0; k--) {
            bytes[length++] = (byte) (v >>> (8 * k));
        }
    }

    void put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, length, len);
        length += len;
    }

    void put(LuaString s, int len) {
        put(s.m_bytes, s.m_offset, len);
    }

    int length() {
        return length;
    }

    LuaString toLuaString() {
        return LuaString.valueUsing(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }
}
