package dev.cinnabar.functions;

import dev.cinnabar.api.script.ScriptException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LibraryMetadataTest {

    private static LibraryMetadata parse(String code) throws ScriptException {
        return LibraryMetadata.parse(code.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String error(String code) {
        return assertThrows(ScriptException.class, () -> parse(code)).errorText();
    }

    @Test
    void engineNameAndBodyFromTheNewlineOn() throws Exception {
        LibraryMetadata md = parse("#!LuA   name=\"my lib\"  \nreturn 1");
        assertEquals("LuA", md.engine());
        assertEquals("my lib", md.name());
        assertArrayEquals("\nreturn 1".getBytes(StandardCharsets.US_ASCII), md.body());
        assertEquals("", parse("#! name=x\n").engine());
        assertEquals("x", parse("#!lua NAME=x\n").name());
    }

    @Test
    void errorsInRedisOrder() {
        assertEquals(FunctionErrors.MISSING_METADATA, error(""));
        assertEquals(FunctionErrors.MISSING_METADATA, error(" #!lua name=x\n"));
        assertEquals(FunctionErrors.INVALID_METADATA, error("#!lua name=x"));
        assertEquals(FunctionErrors.INVALID_METADATA, error("#!lua name=x\0\n"));
        assertEquals(FunctionErrors.INVALID_METADATA, error("#!lua name=\"x\n"));
        assertEquals(FunctionErrors.INVALID_METADATA, error("#!lua name=\"x\"y\n"));
        assertEquals("ERR Invalid metadata value given: foo", error("#!lua foo name=x\n"));
        assertEquals(FunctionErrors.NAME_TWICE, error("#!lua name=x name=y\n"));
        assertEquals(FunctionErrors.NO_LIBRARY_NAME, error("#!lua\n"));
        assertEquals(FunctionErrors.NO_LIBRARY_NAME, error("#!\n"));
    }
}
