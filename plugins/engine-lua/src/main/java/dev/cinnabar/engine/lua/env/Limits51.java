package dev.cinnabar.engine.lua.env;

import org.luaj.vm2.cinnabar.Lua51Error;

/**
 * Size bound for strings built by library functions ({@code string.rep}, {@code table.concat},
 * {@code string.format}, ...): above it they raise Lua's {@code not enough memory} instead of
 * attempting the allocation, so no OutOfMemoryError or NegativeArraySizeException reaches the server.
 */
public final class Limits51 {

    /** 512 MB, Redis's proto-max-bulk-len default. */
    public static final long MAX_STRING = org.luaj.vm2.CinnabarHooks.MAX_STRING;

    private Limits51() {
    }

    /** Throws {@code not enough memory} if a string of {@code size} bytes may not be built. */
    static void checkStringSize(long size) {
        if (size < 0 || size > MAX_STRING) {
            throw Lua51Error.notEnoughMemory();
        }
        if (size >= org.luaj.vm2.CinnabarHooks.LARGE_ALLOCATION) {
            org.luaj.vm2.CinnabarHooks.largeAllocation.run();
        }
    }
}
