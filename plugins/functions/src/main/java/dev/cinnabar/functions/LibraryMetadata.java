package dev.cinnabar.functions;

import dev.cinnabar.api.script.ScriptException;

import java.util.List;

/**
 * The first line of a library, {@code #!<engine> name=<library>} (Redis's
 * {@code functionExtractLibMetaData}), and the code the engine runs: everything from that line's
 * newline on, so that line numbers stay the user's.
 */
record LibraryMetadata(String engine, String name, byte[] body) {

    static LibraryMetadata parse(byte[] code) throws ScriptException {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            throw new ScriptException(FunctionErrors.MISSING_METADATA);
        }
        // strchr on a C string: a NUL before the first newline ends the search
        int nl = -1;
        for (int i = 2; i < code.length && code[i] != 0; i++) {
            if (code[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            throw new ScriptException(FunctionErrors.INVALID_METADATA);
        }
        List<String> parts = dev.cinnabar.api.command.SplitArgs.split(code, 0, nl);
        if (parts == null || parts.isEmpty()) {
            throw new ScriptException(FunctionErrors.INVALID_METADATA);
        }
        String first = parts.get(0);
        String engine = first.length() >= 2 ? first.substring(2) : "";
        String name = null;
        for (String part : parts.subList(1, parts.size())) {
            if (part.regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    throw new ScriptException(FunctionErrors.NAME_TWICE);
                }
                name = part.substring(5);
                continue;
            }
            throw new ScriptException(FunctionErrors.invalidMetadataValue(Names.cString(part)));
        }
        if (name == null) {
            throw new ScriptException(FunctionErrors.NO_LIBRARY_NAME);
        }
        byte[] body = new byte[code.length - nl];
        System.arraycopy(code, nl, body, 0, body.length);
        return new LibraryMetadata(engine, name, body);
    }
}
