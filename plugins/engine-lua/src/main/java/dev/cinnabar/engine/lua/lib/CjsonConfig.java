package dev.cinnabar.engine.lua.lib;

/**
 * The settings of one cjson module table (lua-cjson's {@code json_config_t}), with lua-cjson
 * 2.1.0's defaults as Redis builds it. Every {@code cjson.new()} and every {@link CjsonLib#create()}
 * gets its own; the setters in Lua change it for the life of the VM, as in Redis.
 */
final class CjsonConfig {

    /** Lua 5.1's LUAI_MAXCSTACK: lua_checkstack refuses to grow a C function's stack beyond it. */
    static final int MAX_C_STACK = 8000;

    /** Values of encode_invalid_numbers. */
    static final int INVALID_OFF = 0;
    static final int INVALID_ON = 1;
    static final int INVALID_NULL = 2;

    int encodeSparseConvert = 0;
    int encodeSparseRatio = 2;
    int encodeSparseSafe = 10;
    int encodeMaxDepth = 1000;
    int encodeInvalidNumbers = INVALID_OFF;
    int encodeNumberPrecision = 14;
    int encodeKeepBuffer = 1;
    int decodeInvalidNumbers = 1;
    int decodeMaxDepth = 1000;
}
