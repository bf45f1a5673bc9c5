package dev.cinnabar.engine.lua.lib;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code cjson.decode}: lua-cjson 2.1.0's parser, byte for byte: the same tokens, the same
 * permissive numbers (strtod: hex, inf, nan, leading zeros, '+'), the same error texts and
 * character positions, a NUL byte ending the text as it does a C string, and the same nesting
 * limit, including the Lua C stack limit the C code runs into when the configured depth is huge.
 * Containers are parsed without recursion.
 */
final class CjsonDecoder {

    private static final int T_OBJ_BEGIN = 0;
    private static final int T_OBJ_END = 1;
    private static final int T_ARR_BEGIN = 2;
    private static final int T_ARR_END = 3;
    private static final int T_STRING = 4;
    private static final int T_NUMBER = 5;
    private static final int T_BOOLEAN = 6;
    private static final int T_NULL = 7;
    private static final int T_COLON = 8;
    private static final int T_COMMA = 9;
    private static final int T_END = 10;
    private static final int T_WHITESPACE = 11;
    private static final int T_ERROR = 12;
    private static final int T_UNKNOWN = 13;

    private static final String[] TOKEN_NAMES = {
        "T_OBJ_BEGIN", "T_OBJ_END", "T_ARR_BEGIN", "T_ARR_END", "T_STRING", "T_NUMBER",
        "T_BOOLEAN", "T_NULL", "T_COLON", "T_COMMA", "T_END", "T_WHITESPACE", "T_ERROR", "T_UNKNOWN",
    };

    private static final int[] CH2TOKEN = new int[256];
    private static final byte[] ESCAPE2CHAR = new byte[256];

    static {
        Arrays.fill(CH2TOKEN, T_ERROR);
        CH2TOKEN['{'] = T_OBJ_BEGIN;
        CH2TOKEN['}'] = T_OBJ_END;
        CH2TOKEN['['] = T_ARR_BEGIN;
        CH2TOKEN[']'] = T_ARR_END;
        CH2TOKEN[','] = T_COMMA;
        CH2TOKEN[':'] = T_COLON;
        CH2TOKEN[0] = T_END;
        CH2TOKEN[' '] = T_WHITESPACE;
        CH2TOKEN['\t'] = T_WHITESPACE;
        CH2TOKEN['\n'] = T_WHITESPACE;
        CH2TOKEN['\r'] = T_WHITESPACE;
        for (char c : "fiInNt\"+-0123456789".toCharArray()) {
            CH2TOKEN[c] = T_UNKNOWN;
        }
        ESCAPE2CHAR['"'] = '"';
        ESCAPE2CHAR['\\'] = '\\';
        ESCAPE2CHAR['/'] = '/';
        ESCAPE2CHAR['b'] = '\b';
        ESCAPE2CHAR['t'] = '\t';
        ESCAPE2CHAR['n'] = '\n';
        ESCAPE2CHAR['f'] = '\f';
        ESCAPE2CHAR['r'] = '\r';
        ESCAPE2CHAR['u'] = 'u';
    }

    /** LuaJ folds -0.0 into the integer 0; its private LuaDouble constructor keeps the sign. */
    private static final MethodHandle NEW_DOUBLE = findDoubleConstructor();

    private static MethodHandle findDoubleConstructor() {
        try {
            return MethodHandles.privateLookupIn(LuaDouble.class, MethodHandles.lookup())
                .findConstructor(LuaDouble.class, MethodType.methodType(void.class, double.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static LuaValue number(double d) {
        if (d == 0 && Double.doubleToRawLongBits(d) != 0 && NEW_DOUBLE != null) {
            try {
                return (LuaValue) NEW_DOUBLE.invoke(d);
            } catch (Throwable e) {
                // fall through: plain zero
            }
        }
        return LuaValue.valueOf(d);
    }

    /** A container being filled: an array with its next index, or an object with its pending key. */
    private static final class Frame {
        final LuaTable table;
        final boolean object;
        final int slots;        // Lua stack slots in use below this container
        int index = 1;
        LuaValue key;

        Frame(LuaTable table, boolean object, int slots) {
            this.table = table;
            this.object = object;
            this.slots = slots;
        }
    }

    private final CjsonConfig cfg;
    private final LuaValue nullValue;
    private final byte[] data;     // the Lua string's own array: never copied, never written
    private final int offset;
    private final int len;
    private final byte[] tmp;
    private int ptr;
    private int depth;

    // the current token
    private int type;
    private int index;
    private LuaValue value;
    private String error;

    private CjsonDecoder(CjsonConfig cfg, LuaValue nullValue, LuaString json) {
        this.cfg = cfg;
        this.nullValue = nullValue;
        this.data = json.m_bytes;
        this.offset = json.m_offset;
        this.len = json.m_length;
        this.tmp = new byte[len];
    }

    static LuaValue decode(CjsonConfig cfg, LuaValue nullValue, LuaString json) {
        CjsonDecoder d = new CjsonDecoder(cfg, nullValue, json);
        // RFC 4627: only the first two bytes can tell UTF-16 and UTF-32 apart from UTF-8
        if (d.len >= 2 && (d.at(0) == 0 || d.at(1) == 0)) {
            throw new LuaError("JSON parser does not support UTF-16 or UTF-32");
        }
        return d.parse();
    }

    /** The byte at index i of the text, or 0 past its end: C sees a NUL-terminated string. */
    private int at(int i) {
        return i < len ? data[offset + i] & 0xff : 0;
    }

    private LuaValue parse() {
        ArrayDeque<Frame> frames = new ArrayDeque<>();
        int slots = 1; // the JSON text argument
        nextToken();
        LuaValue result;
        outer:
        while (true) {
            // a value is expected: the current token
            LuaValue v;
            switch (type) {
                case T_STRING, T_NUMBER, T_BOOLEAN -> v = value;
                case T_NULL -> v = nullValue;
                case T_OBJ_BEGIN -> {
                    descend(slots, 3);
                    LuaTable table = new LuaTable();
                    nextToken();
                    if (type == T_OBJ_END) {
                        depth--;
                        v = table;
                        break;
                    }
                    Frame f = new Frame(table, true, slots);
                    readKeyAndColon(f);
                    frames.push(f);
                    slots += 2;
                    nextToken();
                    continue outer;
                }
                case T_ARR_BEGIN -> {
                    descend(slots, 2);
                    LuaTable table = new LuaTable();
                    nextToken();
                    if (type == T_ARR_END) {
                        depth--;
                        v = table;
                        break;
                    }
                    frames.push(new Frame(table, false, slots));
                    slots += 1;
                    continue outer;
                }
                default -> throw parseError("value");
            }
            // a complete value: store it in its container, closing containers as they end
            while (true) {
                Frame f = frames.peek();
                if (f == null) {
                    result = v;
                    break outer;
                }
                if (f.object) {
                    f.table.rawset(f.key, v);
                    nextToken();
                    if (type == T_OBJ_END) {
                        depth--;
                        frames.pop();
                        slots = f.slots;
                        v = f.table;
                        continue;
                    }
                    if (type != T_COMMA) {
                        throw parseError("comma or object end");
                    }
                    nextToken();
                    readKeyAndColon(f);
                    nextToken();
                    continue outer;
                }
                f.table.rawset(f.index++, v);
                nextToken();
                if (type == T_ARR_END) {
                    depth--;
                    frames.pop();
                    slots = f.slots;
                    v = f.table;
                    continue;
                }
                if (type != T_COMMA) {
                    throw parseError("comma or array end");
                }
                nextToken();
                continue outer;
            }
        }
        nextToken();
        if (type != T_END) {
            throw parseError("the end");
        }
        return result;
    }

    /** The current token must be the key string; the next one must be a colon. */
    private void readKeyAndColon(Frame f) {
        if (type != T_STRING) {
            throw parseError("object key string");
        }
        f.key = value;
        nextToken();
        if (type != T_COLON) {
            throw parseError("colon");
        }
    }

    /** json_decode_descend: the depth limit, and lua_checkstack(l, needed). */
    private void descend(int slots, int needed) {
        depth++;
        if (depth > cfg.decodeMaxDepth || slots + needed > CjsonConfig.MAX_C_STACK) {
            throw new LuaError("Found too many nested data structures (" + depth + ") at character " + ptr);
        }
    }

    private LuaError parseError(String expected) {
        String found = type == T_ERROR ? error : TOKEN_NAMES[type];
        return new LuaError("Expected " + expected + " but found " + found + " at character " + (index + 1));
    }

    private void setError(String message) {
        type = T_ERROR;
        index = ptr;
        error = message;
    }

    private boolean startsWith(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (at(ptr + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void nextToken() {
        int ch;
        while (true) {
            ch = at(ptr);
            type = CH2TOKEN[ch];
            if (type != T_WHITESPACE) {
                break;
            }
            ptr++;
        }
        index = ptr;
        value = null;
        if (type == T_ERROR) {
            setError("invalid token");
            return;
        }
        if (type == T_END) {
            return;
        }
        if (type != T_UNKNOWN) {
            ptr++;
            return;
        }
        if (ch == '"') {
            stringToken();
        } else if (ch == '-' || CNumbers.isDigit(ch)) {
            if (cfg.decodeInvalidNumbers == 0 && isInvalidNumber()) {
                setError("invalid number");
                return;
            }
            numberToken();
        } else if (startsWith("true")) {
            type = T_BOOLEAN;
            value = LuaValue.TRUE;
            ptr += 4;
        } else if (startsWith("false")) {
            type = T_BOOLEAN;
            value = LuaValue.FALSE;
            ptr += 5;
        } else if (startsWith("null")) {
            type = T_NULL;
            ptr += 4;
        } else if (cfg.decodeInvalidNumbers != 0 && isInvalidNumber()) {
            // only numbers known to be invalid JSON (Inf, NaN, '+'), so that other bad tokens
            // are reported as "invalid token" rather than "invalid number"
            numberToken();
        } else {
            setError("invalid token");
        }
    }

    /** json_is_invalid_number: '+', hexadecimal, leading zeros, inf and nan. */
    private boolean isInvalidNumber() {
        int p = ptr;
        if (at(p) == '+') {
            return true;
        }
        if (at(p) == '-') {
            p++;
        }
        int c = at(p);
        if (c == '0') {
            int ch2 = at(p + 1);
            return (ch2 | 0x20) == 'x' || CNumbers.isDigit(ch2);
        }
        if ((byte) c <= '9') {   // a signed char in C: bytes >= 0x80 are negative
            return false;
        }
        return matchesIgnoreCase(p, "inf") || matchesIgnoreCase(p, "nan");
    }

    private boolean matchesIgnoreCase(int p, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((at(p + k) | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void numberToken() {
        CNumbers.Parsed parsed = CNumbers.strtod(data, offset + len, offset + ptr);
        int end = parsed.end() - offset;
        if (end == ptr) {
            setError("invalid number");
            return;
        }
        type = T_NUMBER;
        value = number(parsed.value());
        ptr = end;
    }

    private void stringToken() {
        ptr++; // the opening quote
        int n = 0;
        int ch;
        while ((ch = at(ptr)) != '"') {
            if (ch == 0) {
                setError("unexpected end of string");
                return;
            }
            if (ch == '\\') {
                int escaped = ESCAPE2CHAR[at(ptr + 1)];
                if (escaped == 'u') {
                    int written = appendUnicodeEscape(n);
                    if (written < 0) {
                        setError("invalid unicode escape code");
                        return;
                    }
                    n += written;
                    continue;
                }
                if (escaped == 0) {
                    setError("invalid escape code");
                    return;
                }
                ptr++;
                ch = escaped;
            }
            tmp[n++] = (byte) ch;
            ptr++;
        }
        ptr++; // the closing quote
        type = T_STRING;
        value = LuaString.valueOf(Arrays.copyOf(tmp, n));
    }

    private int hex4(int p) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = CNumbers.hexValue(at(p + i));
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** \\uXXXX (and a following low surrogate) at ptr as UTF-8 into tmp[n..]: bytes written, or -1. */
    private int appendUnicodeEscape(int n) {
        int codepoint = hex4(ptr + 2);
        if (codepoint < 0) {
            return -1;
        }
        int escapeLen = 6;
        if ((codepoint & 0xF800) == 0xD800) {
            if ((codepoint & 0x400) != 0) {
                return -1; // a low surrogate first
            }
            if (at(ptr + 6) != '\\' || at(ptr + 7) != 'u') {
                return -1;
            }
            int low = hex4(ptr + 8);
            if (low < 0 || (low & 0xFC00) != 0xDC00) {
                return -1;
            }
            codepoint = (((codepoint & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
            escapeLen = 12;
        }
        int written;
        if (codepoint <= 0x7F) {
            tmp[n] = (byte) codepoint;
            written = 1;
        } else if (codepoint <= 0x7FF) {
            tmp[n] = (byte) ((codepoint >> 6) | 0xC0);
            tmp[n + 1] = (byte) ((codepoint & 0x3F) | 0x80);
            written = 2;
        } else if (codepoint <= 0xFFFF) {
            tmp[n] = (byte) ((codepoint >> 12) | 0xE0);
            tmp[n + 1] = (byte) (((codepoint >> 6) & 0x3F) | 0x80);
            tmp[n + 2] = (byte) ((codepoint & 0x3F) | 0x80);
            written = 3;
        } else {
            tmp[n] = (byte) ((codepoint >> 18) | 0xF0);
            tmp[n + 1] = (byte) (((codepoint >> 12) & 0x3F) | 0x80);
            tmp[n + 2] = (byte) (((codepoint >> 6) & 0x3F) | 0x80);
            tmp[n + 3] = (byte) ((codepoint & 0x3F) | 0x80);
            written = 4;
        }
        ptr += escapeLen;
        return written;
    }
}
