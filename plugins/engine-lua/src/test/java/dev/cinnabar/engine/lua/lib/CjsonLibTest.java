package dev.cinnabar.engine.lua.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The cjson library on a plain LuaJ state. Every expected value was taken from Redis 7.0.15
 * (EVAL on a real server), except where a comment says the value is LuaJ's own.
 */
class CjsonLibTest {

    private Globals g;

    @BeforeEach
    void setUp() {
        g = newGlobals();
    }

    private static Globals newGlobals() {
        Globals globals = new Globals();
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new StringLib());
        globals.load(new TableLib());
        globals.load(new JseMathLib());
        globals.load(new CoroutineLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.set("cjson", CjsonLib.create());
        return globals;
    }

    private LuaValue eval(String script) {
        return g.load(new ByteArrayInputStream(script.getBytes(StandardCharsets.ISO_8859_1)), "=test", "t", g).call();
    }

    private String str(String script) {
        return eval(script).tojstring();
    }

    /** The bytes of a Lua string result. */
    private byte[] bytes(String script) {
        LuaString s = eval(script).checkstring();
        return Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
    }

    /** What pcall returns as the error of {@code f(args)} called straight from pcall. */
    private String pcallError(String callee, String args) {
        LuaValue r = eval("local ok, e = pcall(" + callee + (args.isEmpty() ? "" : ", " + args) + ") "
            + "if ok then return 'no error' end return e");
        return r.tojstring();
    }

    private String encodeError(String value) {
        return pcallError("cjson.encode", value);
    }

    private String decodeError(String json) {
        return pcallError("cjson.decode", luaQuote(json));
    }

    private static String luaQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 32 || c > 126) {
                sb.append('\\').append((int) c);
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- the module table ----

    @Test
    void exposesExactlyWhatRedisExposes() {
        assertEquals("_NAME,_VERSION,decode,decode_invalid_numbers,decode_max_depth,encode,"
                + "encode_invalid_numbers,encode_keep_buffer,encode_max_depth,encode_number_precision,"
                + "encode_sparse_array,new,null",
            str("local t = {} for k in pairs(cjson) do t[#t + 1] = k end table.sort(t) return table.concat(t, ',')"));
        assertEquals("cjson 2.1.0", str("return cjson._NAME .. ' ' .. cjson._VERSION"));
    }

    @Test
    void nullIsAUserdataSentinel() {
        assertEquals("userdata|userdata: (nil)", str("return type(cjson.null) .. '|' .. tostring(cjson.null)"));
        assertEquals("null", str("return cjson.encode(cjson.null)"));
        assertEquals("[1,null]", str("return cjson.encode({1, cjson.null})"));
        assertEquals("true true true", str("return tostring(cjson.decode('null') == cjson.null) .. ' '"
            + " .. tostring(cjson.decode('[null]')[1] == cjson.null) .. ' ' .. tostring(cjson.new().null == cjson.null)"));
        assertEquals("{\"a\":null}", str("return cjson.encode(cjson.decode('{\"a\":null}'))"));
    }

    @Test
    void eachCreateHasItsOwnConfigurationAndNull() {
        LuaTable a = CjsonLib.create();
        LuaTable b = CjsonLib.create();
        assertNotSame(a.get("null"), b.get("null"));
        a.get("encode_max_depth").call(LuaValue.valueOf(1));
        assertEquals(1, a.get("encode_max_depth").call().toint());
        assertEquals(1000, b.get("encode_max_depth").call().toint());
        // and cjson.new() inside a VM: a fresh configuration too (Redis: same replies)
        assertEquals("Cannot serialise, excessive nesting (2)|[{}]|1|1000",
            str("local c = cjson.new() c.encode_max_depth(1) local ok, e = pcall(c.encode, {{}}) "
                + "return e .. '|' .. cjson.encode({{}}) .. '|' .. c.encode_max_depth() .. '|' .. cjson.encode_max_depth()"));
        assertEquals("cjson 2.1.0 [1,{\"a\":null}]",
            str("local c = cjson.new() return c._NAME .. ' ' .. c._VERSION .. ' ' .. c.encode({1, {a = c.null}})"));
    }

    // ---- encode ----

    @Test
    void encodesScalars() {
        assertEquals("null", str("return cjson.encode(nil)"));
        assertEquals("true", str("return cjson.encode(true)"));
        assertEquals("false", str("return cjson.encode(false)"));
        assertEquals("\"hello\"", str("return cjson.encode('hello')"));
        assertEquals("42", str("return cjson.encode(42)"));
        assertEquals("{}", str("return cjson.encode({})"));
    }

    @Test
    void formatsNumbersWithPercent14g() {
        assertEquals("[0.33333333333333,1e+300,3,1e+15,9.007199254741e+15,1e+16,1.2345678901234e+14,"
                + "0.1,-1.5e-07,1e-05,0.0001,1e+14]",
            str("return cjson.encode({1/3, 1e300, 3, 1e15, 2^53, 1e16, 123456789012345, 0.1, -1.5e-7, 1e-5, 1e-4,"
                + " 100000000000000})"));
        assertEquals("[4.9406564584125e-324,1.7976931348623e+308,9.2233720368548e+18,-9.2233720368548e+18,"
                + "123456.789,0.3,1e+21,1e-07,1.2345678901235e+19]",
            str("return cjson.encode({5e-324, 1.7976931348623157e308, 2^63, -2^63, 123456.789, 0.1+0.2, 1e21, 1e-7,"
                + " 12345678901234567890})"));
        assertEquals("[0.33333333333333,0.66666666666667,3.3333333333333,-0.33333333333333]",
            str("return cjson.encode({1/3, 2/3, 10/3, -1/3})"));
        // negative zero survives decode and encode (a -0 literal does not: LuaJ's compiler folds it to 0)
        assertEquals("-0", str("return cjson.encode(cjson.decode('-0'))"));
    }

    @Test
    void numberPrecisionIsConfigurable() {
        assertEquals("[0.333,1.23e+03,0.000123,1e+20,1.23e+04,0.5,1e+03,1e+04]",
            str("cjson.encode_number_precision(3) return cjson.encode({1/3, 1234.5, 0.00012345, 1e20, 12345, 0.5,"
                + " 999.5, 9995})"));
        // ties go to even on the exact binary value, as glibc's printf does
        assertEquals("[0.3,2e+01,2e+01,0.05,0.1,1e+01]",
            str("cjson.encode_number_precision(1) return cjson.encode({1/3, 15, 25, 0.05, 0.15, 9.5})"));
        assertEquals("1", str("cjson.encode_number_precision(3) local s = cjson.encode({[1234] = 1, x = 1}) "
            + "return cjson.decode(s)['1.23e+03']"));
        assertEquals("3", str("return cjson.encode_number_precision()"));
    }

    @Test
    void escapesStringsAsLuaCjson() {
        assertEquals("\"a\\/b\\\"c\\\\d\"", str("return cjson.encode('a/b\"c\\\\d')"));
        assertEquals("\"\\u0001\\u0002\\b\\t\\n\\u000b\\f\\r\\u000e\\u001f\\u007f ~\"",
            str("return cjson.encode('\\1\\2\\8\\9\\10\\11\\12\\13\\14\\31\\127 ~')"));
        assertArrayEquals(latin1("\"\u0080\u00c8\u00ff caf\u00c3\u00a9\""),
            bytes("return cjson.encode('\\128\\200\\255 caf\\195\\169')"));
        assertEquals("{\"a\\u0000b\":\"c\\u0000d\"}", str("return cjson.encode({['a\\0b'] = 'c\\0d'})"));
    }

    @Test
    void encodesAll256ByteValues() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(latin1("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
            + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b"
            + "\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-.\\/0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
            + "abcdefghijklmnopqrstuvwxyz{|}~\\u007f"));
        for (int b = 128; b < 256; b++) {
            expected.write(b);
        }
        expected.write('"');
        assertArrayEquals(expected.toByteArray(), bytes(
            "local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end return cjson.encode(table.concat(t))"));
    }

    @Test
    void binaryStringsRoundTrip() {
        assertEquals("same", str("local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end "
            + "local s = table.concat(t) return cjson.decode(cjson.encode(s)) == s and 'same' or 'different'"));
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            LuaString s = LuaString.valueOf(data);
            LuaTable cjson = (LuaTable) g.get("cjson");
            LuaValue back = cjson.get("decode").call(cjson.get("encode").call(s));
            assertEquals(s, back);
            // as a key too
            LuaTable t = new LuaTable();
            t.set(s, LuaValue.TRUE);
            LuaTable decoded = (LuaTable) cjson.get("decode").call(cjson.get("encode").call(t));
            assertEquals(LuaValue.TRUE, decoded.get(s));
        }
    }

    @Test
    void detectsArraysAndSparseArrays() {
        assertEquals("[1,2,3]", str("return cjson.encode({1, 2, 3})"));
        assertEquals("[1,null,3]", str("return cjson.encode({[1] = 1, [3] = 3})"));
        assertEquals("[1,2,null,4]", str("return cjson.encode({1, 2, nil, 4})"));
        assertEquals("[null,null,3]", str("return cjson.encode({nil, nil, 3})"));
        assertEquals("[null,null,null,null,null,null,null,null,null,1]", str("return cjson.encode({[10] = 1})"));
        assertEquals("[1,2,3,4,5,6,null,null,null,null,null,null,1]",
            str("return cjson.encode({[1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6, [13] = 1})"));
        String sparse = "Cannot serialise table: excessively sparse array";
        assertEquals(sparse, encodeError("{[1] = 1, [20] = 3}"));
        assertEquals(sparse, encodeError("{[11] = 1}"));
        assertEquals(sparse, encodeError("{[1] = 1, [2] = 2, [11] = 3}"));
        assertEquals(sparse, encodeError("{[2^31 - 1] = 1}"));
        // keys that are not positive integers make an object
        assertEquals("{\"0\":\"zero\"}", str("return cjson.encode({[0] = 'zero'})"));
        assertEquals("{\"-1\":1}", str("return cjson.encode({[-1] = 1})"));
        assertEquals("{\"1.5\":1}", str("return cjson.encode({[1.5] = 1})"));
        // C converts an out-of-range index to INT_MIN: the table becomes an object
        assertEquals("{\"1e+300\":1}", str("return cjson.encode({[1e300] = 1})"));
        assertEquals("{\"2147483648\":1}", str("return cjson.encode({[2^31] = 1})"));
    }

    @Test
    void sparseArraySettings() {
        assertEquals("false 2 10", str("local a, b, c = cjson.encode_sparse_array() return tostring(a) .. ' ' .. b .. ' ' .. c"));
        assertEquals("{\"20\":1}", str("cjson.encode_sparse_array(true) return cjson.encode({[20] = 1})"));
        assertEquals("[null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,1]",
            str("cjson.encode_sparse_array(false, 0) return cjson.encode({[20] = 1})"));
        assertEquals("Cannot serialise table: excessively sparse array",
            str("cjson.encode_sparse_array(false, 1, 0) local ok, e = pcall(cjson.encode, {[1] = 1, [3] = 1}) return e"));
        assertEquals("true 3 5", str("local a, b, c = cjson.encode_sparse_array('on', 3, 5) "
            + "return tostring(a) .. ' ' .. b .. ' ' .. c"));
        assertEquals("false 2 10", str("local a, b, c = cjson.encode_sparse_array(false, 2, 10) "
            + "return tostring(a) .. ' ' .. b .. ' ' .. c"));
    }

    @Test
    void encodesObjects() {
        assertEquals("{\"a\":1}", str("return cjson.encode({a = 1})"));
        assertEquals("{\"a\":{\"b\":{\"c\":[1,2,{\"d\":\"e\"}]}}}",
            str("return cjson.encode({a = {b = {c = {1, 2, {d = 'e'}}}}})"));
        assertEquals("[{},[{}],{\"a\":{}}]", str("return cjson.encode({{}, {{}}, {a = {}}})"));
        // key order is LuaJ's next() order: compare decoded
        assertEquals("1 2 3", str("local t = cjson.decode(cjson.encode({1, 2, x = 3})) "
            + "return t['1'] .. ' ' .. t['2'] .. ' ' .. t.x"));
        assertEquals("1 two 3 4 5", str("local t = cjson.decode(cjson.encode({a = 1, b = 'two', c = {d = 3, e = {4, 5}}})) "
            + "return t.a .. ' ' .. t.b .. ' ' .. t.c.d .. ' ' .. t.c.e[1] .. ' ' .. t.c.e[2]"));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertEquals("Cannot serialise boolean: table key must be a number or string", encodeError("{[true] = 1}"));
        assertEquals("Cannot serialise table: table key must be a number or string", encodeError("{[{}] = 1}"));
        assertEquals("Cannot serialise function: table key must be a number or string", encodeError("{[tostring] = 1}"));
        assertEquals("Cannot serialise function: type not supported", encodeError("tostring"));
        assertEquals("Cannot serialise function: type not supported", encodeError("{a = {tostring}}"));
        assertEquals("Cannot serialise thread: type not supported", encodeError("coroutine.create(function() end)"));
    }

    @Test
    void invalidNumbers() {
        String msg = "Cannot serialise number: must not be NaN or Inf";
        assertEquals(msg, encodeError("1/0"));
        assertEquals(msg, encodeError("-1/0"));
        assertEquals(msg, encodeError("0/0"));
        assertEquals(msg, encodeError("{[1/0] = 1}"));
        assertEquals("[inf,-inf,nan,nan] {\"inf\":1}", str("cjson.encode_invalid_numbers(true) "
            + "return cjson.encode({1/0, -1/0, 0/0, -(0/0)}) .. ' ' .. cjson.encode({[1/0] = 1})"));
        assertEquals("null [null,null,null] {\"null\":1}", str("local r = cjson.encode_invalid_numbers('null') "
            + "return r .. ' ' .. cjson.encode({1/0, -1/0, 0/0}) .. ' ' .. cjson.encode({[-1/0] = 1})"));
        assertEquals("false", str("return tostring(cjson.encode_invalid_numbers('off'))"));
    }

    @Test
    void encodeNestingLimit() {
        assertEquals("2000", str("local t = {} local c = t for i = 1, 999 do c[1] = {} c = c[1] end return #cjson.encode(t)"));
        assertEquals("Cannot serialise, excessive nesting (1001)", str(
            "local t = {} local c = t for i = 1, 1000 do c[1] = {} c = c[1] end local ok, e = pcall(cjson.encode, t) return e"));
        assertEquals("Cannot serialise, excessive nesting (1001)", encodeError("(function() local t = {} t.self = t return t end)()"));
        assertEquals("3 [[[1]]] Cannot serialise, excessive nesting (4)", str("local old = cjson.encode_max_depth(3) "
            + "local ok, e = pcall(cjson.encode, {{{{1}}}}) return old .. ' ' .. cjson.encode({{{1}}}) .. ' ' .. e"));
        // beyond the limit Lua's C stack (LUAI_MAXCSTACK) stops the C code first
        assertEquals("Cannot serialise, excessive nesting (7998)", str("cjson.encode_max_depth(100000) "
            + "local t = {} t[1] = t local ok, e = pcall(cjson.encode, t) return e"));
        assertEquals("Cannot serialise, excessive nesting (4000)", str("cjson.encode_max_depth(100000) "
            + "local t = {} t.a = t local ok, e = pcall(cjson.encode, t) return e"));
        assertEquals("Cannot serialise, excessive nesting (5333)", str("cjson.encode_max_depth(100000) "
            + "local t = {} local c = t for i = 1, 3000 do c[1] = {a = {}} c = c[1].a end "
            + "local ok, e = pcall(cjson.encode, t) return e"));
    }

    // ---- decode ----

    @Test
    void decodesValues() {
        assertEquals("1|a|true|false|true|v|table|7", str("local v = cjson.decode('[1,\"a\",true,false,null,{\"k\":\"v\"},[]]') "
            + "return table.concat({v[1], v[2], tostring(v[3]), tostring(v[4]), tostring(v[5] == cjson.null), v[6].k,"
            + " type(v[7]), #v}, '|')"));
        assertEquals("[1,2,{\"a\":{}}]", str("return cjson.encode(cjson.decode('  \\t\\n\\r[ 1 , 2 , { \"a\" : [ ] } ]\\r\\n  '))"));
        assertEquals("[[[[{}]]]]", str("return cjson.encode(cjson.decode('[[[[[]]]]]'))"));
        assertEquals("2", str("return cjson.decode('{\"a\":1,\"a\":2}').a"));
        assertEquals("w,x,y,z true", str("local t = cjson.decode('{\"z\":1,\"y\":2,\"x\":3,\"w\":{\"v\":null}}') "
            + "local keys = {} for k in pairs(t) do keys[#keys + 1] = k end table.sort(keys) "
            + "return table.concat(keys, ',') .. ' ' .. tostring(t.w.v == cjson.null)"));
        assertEquals("1", str("return #cjson.decode('[1]\\0garbage')"));
        // LuaJ substrings share their parent's bytes: nothing past the end may be read
        assertEquals("123 [1,2] Expected value but found unexpected end of string at character 4",
            str("local s = 'xx[1,2]\"abc\"' local ok, e = pcall(cjson.decode, string.sub(s, 8, 10)) "
                + "return cjson.decode(string.sub('123456', 1, 3)) .. ' ' .. cjson.encode(cjson.decode(string.sub(s, 3, 7)))"
                + " .. ' ' .. e"));
        // a number argument is converted with %.14g first
        assertEquals("42 0.33333333333333 1e+300", str("return cjson.decode(42) .. ' ' .. cjson.encode(cjson.decode(1/3))"
            + " .. ' ' .. cjson.encode(cjson.decode(1e300))"));
    }

    @Test
    void decodesNumbersWithStrtod() {
        assertEquals("[1500,0.01,1e-07,16,31,16,1,-1,1,4.9406564584125e-324,4.9406564584125e-324,0]",
            str("return cjson.encode(cjson.decode('[1.5e3, 1E-2, 0.0000001, 0x10, 0X1f, 0x1p4, 01, -01, 1., 4.9e-324,"
                + " 2.5e-324, 1e-400]'))"));
        assertEquals("1 16 true true", str("return cjson.decode('+1') .. ' ' .. cjson.decode('0x10') .. ' ' "
            + ".. tostring(cjson.decode('1e400') == math.huge) .. ' ' .. tostring(cjson.decode('-1e400') == -math.huge)"));
        assertEquals("+inf -inf +inf +inf -inf nan nan nan nan", str("local r = {} "
            + "for _, s in ipairs({'Infinity', '-Infinity', 'inf', 'infinity', '-inf'}) do local v = cjson.decode(s) "
            + "r[#r + 1] = (v == math.huge and '+inf') or (v == -math.huge and '-inf') or 'other' end "
            + "for _, s in ipairs({'nan', 'NaN', '-nan', 'nan(123)'}) do local v = cjson.decode(s) "
            + "r[#r + 1] = (v ~= v) and 'nan' or 'other' end return table.concat(r, ' ')"));
        assertEquals("[3,0.5,4.9406564584125e-324,0,inf,1.7976931348623e+308,10995.483398438,16,1,0.1,0,"
                + "4.9406564584125e-324,1.7976931348623e+308,inf,9.007199254741e+15,1.2345678901235e+29,1e-06,1e-05,"
                + "0.0001,1e+15,1e+14,1,1,-0,100,1]",
            str("cjson.encode_invalid_numbers(true) return cjson.encode(cjson.decode('[0x1.8p1,0x.8,0x1p-1074,"
                + "0x1p-1075,0x1.fffffffffffff8p1023,0x1.fffffffffffffp1023,0xABCDEFp-10,0x1P+4,1" + "0".repeat(400)
                + "e-400,0." + "0".repeat(400) + "1e400,2.4703282292062327e-324,2.4703282292062328e-324,"
                + "1.7976931348623158e308,1.7976931348623159e308,9007199254740993,123456789012345678901234567890,"
                + "0.000001,1e-5,1e-4,999999999999995,99999999999999.5,0.1e1,00001,-0.0,1E+2,1e0]'))"));
    }

    @Test
    void decodesUnicodeEscapesToUtf8() {
        assertArrayEquals(latin1("\u0000\u00c3\u00a9\u00e2\u0082\u00ac\u00ef\u00bf\u00bf\u00f0\u009f\u0098\u0080/\b\f\n\r\t\"\\"),
            bytes("return cjson.decode('\"\\\\u0000\\\\u00e9\\\\u20AC\\\\uFFFF\\\\uD83D\\\\uDE00\\\\/\\\\b\\\\f\\\\n\\\\r\\\\t\\\\\"\\\\\\\\\"')"));
        assertArrayEquals(latin1("\"\u00c3\u00a9\u00c2\u0080\u00df\u00bf\u00e0\u00a0\u0080\u00ef\u00bf\u00bf\""),
            bytes("return cjson.encode(cjson.decode('\"\\\\u00e9\"') .. cjson.decode('\"\\\\u0080\\\\u07ff\\\\u0800\\\\uffff\"'))"));
    }

    @Test
    void decodeErrorMessages() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{bad", "Expected object key string but found invalid token at character 2");
        cases.put("", "Expected value but found T_END at character 1");
        cases.put(" ", "Expected value but found T_END at character 2");
        cases.put("[1,2", "Expected comma or array end but found T_END at character 5");
        cases.put("[1,2,]", "Expected value but found T_ARR_END at character 6");
        cases.put("{\"a\":1,}", "Expected object key string but found T_OBJ_END at character 8");
        cases.put("{\"a\" 1}", "Expected colon but found T_NUMBER at character 6");
        cases.put("{\"a\":}", "Expected value but found T_OBJ_END at character 6");
        cases.put("[1 2]", "Expected comma or array end but found T_NUMBER at character 4");
        cases.put("{1:2}", "Expected object key string but found T_NUMBER at character 2");
        cases.put("nul", "Expected value but found invalid token at character 1");
        cases.put("truex", "Expected the end but found invalid token at character 5");
        cases.put("true false", "Expected the end but found T_BOOLEAN at character 6");
        cases.put("\"abc", "Expected value but found unexpected end of string at character 5");
        cases.put("\"a\\x\"", "Expected value but found invalid escape code at character 3");
        cases.put("\"\\u12\"", "Expected value but found invalid unicode escape code at character 2");
        cases.put("\"\\uD800\"", "Expected value but found invalid unicode escape code at character 2");
        cases.put("\"\\uDC00\"", "Expected value but found invalid unicode escape code at character 2");
        cases.put("\"\\uD800\\u0041\"", "Expected value but found invalid unicode escape code at character 2");
        cases.put("\"\\", "Expected value but found invalid escape code at character 2");
        cases.put("\"\\u", "Expected value but found invalid unicode escape code at character 2");
        cases.put("\"\\ud800\\", "Expected value but found invalid unicode escape code at character 2");
        cases.put("-", "Expected value but found invalid number at character 1");
        cases.put(".5", "Expected value but found invalid token at character 1");
        cases.put("1e", "Expected the end but found invalid token at character 2");
        cases.put("1e+", "Expected the end but found invalid token at character 2");
        cases.put("0x", "Expected the end but found invalid token at character 2");
        cases.put("infinit", "Expected the end but found invalid token at character 4");
        cases.put("nil", "Expected value but found invalid token at character 1");
        cases.put("NULL", "Expected value but found invalid token at character 1");
        cases.put("]", "Expected value but found T_ARR_END at character 1");
        cases.put("}", "Expected value but found T_OBJ_END at character 1");
        cases.put(":", "Expected value but found T_COLON at character 1");
        cases.put(",", "Expected value but found T_COMMA at character 1");
        cases.put("[", "Expected value but found T_END at character 2");
        cases.put("{", "Expected object key string but found T_END at character 2");
        cases.put("1 2", "Expected the end but found T_NUMBER at character 3");
        cases.put("123abc", "Expected the end but found invalid token at character 4");
        cases.put("1.2.3", "Expected the end but found invalid token at character 4");
        cases.put("--1", "Expected value but found invalid number at character 1");
        cases.put("-+1", "Expected value but found invalid number at character 1");
        cases.put("[1]  ,", "Expected the end but found T_COMMA at character 6");
        cases.put("\u0000a", "JSON parser does not support UTF-16 or UTF-32");
        cases.put("1\u0000a", "JSON parser does not support UTF-16 or UTF-32");
        cases.put("\"a\u0000b\"", "Expected value but found unexpected end of string at character 3");
        cases.put("\u0000", "Expected value but found T_END at character 1");
        cases.forEach((json, message) -> assertEquals(message, decodeError(json), json));
    }

    @Test
    void decodeNestingLimit() {
        assertEquals("table", str("return type(cjson.decode(string.rep('[', 1000) .. string.rep(']', 1000)))"));
        assertEquals("Found too many nested data structures (1001) at character 1001",
            decodeError("[".repeat(1001) + "]".repeat(1001)));
        assertEquals("Found too many nested data structures (1001) at character 5001",
            decodeError("{\"a\":".repeat(1001) + "}".repeat(1001)));
        assertEquals("3|Found too many nested data structures (4) at character 4|"
                + "Found too many nested data structures (4) at character 9|1",
            str("local old = cjson.decode_max_depth(3) local ok1, e1 = pcall(cjson.decode, '[[[[1]]]]') "
                + "local ok2, e2 = pcall(cjson.decode, ' [ [ [  [1]]]]') "
                + "return table.concat({old, e1, e2, cjson.decode('[[[1]]]')[1][1][1]}, '|')"));
        // beyond the limit Lua's C stack (LUAI_MAXCSTACK) stops the C code first
        assertEquals("Found too many nested data structures (7999) at character 7999", str("cjson.decode_max_depth(100000) "
            + "local ok, e = pcall(cjson.decode, string.rep('[', 100000)) return e"));
        assertEquals("Found too many nested data structures (4000) at character 19996", str("cjson.decode_max_depth(100000) "
            + "local ok, e = pcall(cjson.decode, string.rep('{\"a\":', 100000)) return e"));
        assertEquals("Found too many nested data structures (5333) at character 15997", str("cjson.decode_max_depth(100000) "
            + "local ok, e = pcall(cjson.decode, string.rep('[{\"a\":', 3000)) return e"));
    }

    @Test
    void strictNumbersWhenDecodeInvalidNumbersIsOff() {
        assertEquals("Expected value but found invalid number at character 1|"
                + "Expected value but found invalid token at character 1|"
                + "Expected value but found invalid token at character 1|"
                + "Expected value but found invalid number at character 1|"
                + "Expected value but found invalid token at character 1|"
                + "Expected value but found invalid number at character 1|"
                + "Expected value but found invalid number at character 1|1.5|-2|0",
            str("cjson.decode_invalid_numbers(false) local r = {} "
                + "for _, s in ipairs({'0x10', 'Infinity', '+1', '01', 'nan', '-inf', '-0x1', '1.5', '-2', '0'}) do "
                + "local ok, e = pcall(cjson.decode, s) r[#r + 1] = ok and cjson.encode(e) or e end "
                + "return table.concat(r, '|')"));
    }

    // ---- configuration functions and argument errors ----

    @Test
    void configurationGettersAndSetters() {
        assertEquals("1000 1000 14 true false true", str("return table.concat({cjson.encode_max_depth(), cjson.decode_max_depth(),"
            + " cjson.encode_number_precision(), tostring(cjson.encode_keep_buffer()), tostring(cjson.encode_invalid_numbers()),"
            + " tostring(cjson.decode_invalid_numbers())}, ' ')"));
        assertEquals("false true 5 5 5 1000 true false null false",
            str("return table.concat({tostring(cjson.encode_keep_buffer('off')), tostring(cjson.encode_keep_buffer(true)),"
                + " cjson.encode_max_depth('5'), cjson.encode_max_depth(5.7), cjson.encode_max_depth(nil),"
                + " cjson.encode_max_depth(1000), tostring(cjson.encode_invalid_numbers('on')),"
                + " tostring(cjson.encode_invalid_numbers('off')), cjson.encode_invalid_numbers('null'),"
                + " tostring(cjson.decode_invalid_numbers(false))}, ' ')"));
        // C's integer conversions: truncation, then the low 32 bits; hex and spaces in strings
        assertEquals("5 16 7", str("return cjson.encode_max_depth(2^32 + 5) .. ' ' .. cjson.encode_max_depth('0x10') .. ' '"
            + " .. cjson.encode_max_depth(' 7 ')"));
        assertEquals("1000", str("return cjson.decode_max_depth()"));
    }

    @Test
    void argumentErrors() {
        // Called straight from pcall Redis names the function '?' (no call site); called as
        // cjson.encode(...) it says 'encode', which is the name used here.
        assertEquals("bad argument #1 to 'encode' (expected 1 argument)", pcallError("cjson.encode", ""));
        assertEquals("bad argument #1 to 'encode' (expected 1 argument)", pcallError("cjson.encode", "1, 2"));
        assertEquals("bad argument #1 to 'decode' (expected 1 argument)", pcallError("cjson.decode", ""));
        assertEquals("bad argument #1 to 'decode' (string expected, got table)", pcallError("cjson.decode", "{}"));
        assertEquals("bad argument #1 to 'decode' (string expected, got nil)", pcallError("cjson.decode", "nil"));
        assertEquals("bad argument #1 to 'encode_sparse_array' (invalid option '1')", pcallError("cjson.encode_sparse_array", "1"));
        assertEquals("bad argument #1 to 'encode_sparse_array' (invalid option 'yes')",
            pcallError("cjson.encode_sparse_array", "'yes'"));
        assertEquals("bad argument #1 to 'encode_sparse_array' (expected integer between 0 and 2147483647)",
            pcallError("cjson.encode_sparse_array", "true, -1"));
        assertEquals("bad argument #1 to 'encode_sparse_array' (expected integer between 0 and 2147483647)",
            pcallError("cjson.encode_sparse_array", "true, 1, -1"));
        assertEquals("bad argument #2 to 'encode_sparse_array' (number expected, got string)",
            pcallError("cjson.encode_sparse_array", "true, 'x'"));
        assertEquals("bad argument #4 to 'encode_sparse_array' (found too many arguments)",
            pcallError("cjson.encode_sparse_array", "true, 1, 2, 3"));
        assertEquals("bad argument #2 to 'encode_max_depth' (found too many arguments)",
            pcallError("cjson.encode_max_depth", "1, 2"));
        assertEquals("bad argument #1 to 'encode_max_depth' (expected integer between 1 and 2147483647)",
            pcallError("cjson.encode_max_depth", "0"));
        assertEquals("bad argument #1 to 'encode_max_depth' (number expected, got table)",
            pcallError("cjson.encode_max_depth", "{}"));
        assertEquals("bad argument #1 to 'encode_max_depth' (number expected, got userdata)",
            pcallError("cjson.encode_max_depth", "cjson.null"));
        assertEquals("bad argument #1 to 'decode_max_depth' (expected integer between 1 and 2147483647)",
            pcallError("cjson.decode_max_depth", "-1"));
        assertEquals("bad argument #1 to 'encode_number_precision' (expected integer between 1 and 14)",
            pcallError("cjson.encode_number_precision", "15"));
        assertEquals("bad argument #1 to 'encode_number_precision' (expected integer between 1 and 14)",
            pcallError("cjson.encode_number_precision", "0"));
        assertEquals("bad argument #1 to 'encode_keep_buffer' (invalid option 'x')", pcallError("cjson.encode_keep_buffer", "'x'"));
        assertEquals("bad argument #1 to 'encode_keep_buffer' (invalid option '1')", pcallError("cjson.encode_keep_buffer", "1"));
        assertEquals("bad argument #1 to 'encode_keep_buffer' (invalid option '1.5')", pcallError("cjson.encode_keep_buffer", "1.5"));
        assertEquals("bad argument #1 to 'encode_keep_buffer' (string expected, got userdata)",
            pcallError("cjson.encode_keep_buffer", "cjson.null"));
        assertEquals("bad argument #1 to 'encode_invalid_numbers' (invalid option 'maybe')",
            pcallError("cjson.encode_invalid_numbers", "'maybe'"));
        assertEquals("bad argument #1 to 'decode_invalid_numbers' (invalid option 'null')",
            pcallError("cjson.decode_invalid_numbers", "'null'"));
        // a setting applied before a later argument fails stays applied, as in C
        assertEquals("true", str("pcall(cjson.encode_sparse_array, true, -1) return tostring((cjson.encode_sparse_array()))"));
    }

    @Test
    void errorsAreRaisedAtLevelOne() {
        // luaL_error's level 1: called from Lua code the caller's position is added (LuaJ 3.0.1
        // writes it as "=test:1 " where C Lua writes "test:1: "), called straight from pcall it is not
        String direct = str("local ok, e = pcall(function() local x = cjson.decode('{bad') return x end) return e");
        assertTrue(direct.matches("=?test:1:? Expected object key string but found invalid token at character 2"), direct);
        assertEquals("Expected object key string but found invalid token at character 2", decodeError("{bad"));
        LuaError error = assertThrows(LuaError.class, () -> eval("local x = cjson.encode(1/0) return x"));
        assertTrue(error.getMessage().endsWith("Cannot serialise number: must not be NaN or Inf"), error.getMessage());
    }
}
