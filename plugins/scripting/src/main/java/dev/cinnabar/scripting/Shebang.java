package dev.cinnabar.scripting;

import dev.cinnabar.api.script.ScriptException;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A script's first line {@code #!<engine> flags=a,b} (Redis's {@code evalExtractShebangFlags}):
 * the engine it names, its flags, and the body the engine compiles, with the shebang text cut but
 * its newline kept so that line numbers stay the user's.
 */
record Shebang(String engine, Set<ScriptFlag> flags, boolean present, byte[] code) {

    /** Parses {@code body} ({@code engineLoaded} tells which engine names exist); a body not starting with {@code #!} is plain Lua without flags. */
    static Shebang parse(byte[] body, java.util.function.Predicate<String> engineLoaded) throws ScriptException {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') {
            return new Shebang("lua", EnumSet.noneOf(ScriptFlag.class), false, body);
        }
        int nl = indexOf(body, (byte) '\n');
        if (nl < 0) {
            throw new ScriptException("ERR Invalid script shebang");
        }
        List<String> parts = dev.cinnabar.api.command.SplitArgs.split(body, 0, nl);
        if (parts == null || parts.isEmpty()) {
            throw new ScriptException("ERR Invalid engine in script shebang");
        }
        String first = parts.get(0);
        // Redis knows only #!lua; here any loaded engine may be named
        if (!first.startsWith("#!") || !engineLoaded.test(first.substring(2))) {
            throw new ScriptException("ERR Unexpected engine in script shebang: " + first);
        }
        Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        for (String part : parts.subList(1, parts.size())) {
            if (!part.startsWith("flags=")) {
                throw new ScriptException("ERR Unknown lua shebang option: " + part);
            }
            String value = part.substring("flags=".length());
            if (value.isEmpty()) {
                continue;
            }
            for (String name : value.split(",", -1)) {
                ScriptFlag f = ScriptFlag.byName(name);
                if (f == null) {
                    throw new ScriptException("ERR Unexpected flag in script shebang: " + name);
                }
                flags.add(f);
            }
        }
        byte[] code = new byte[body.length - nl];
        System.arraycopy(body, nl, code, 0, code.length);
        return new Shebang(first.substring(2), flags, true, code);
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
