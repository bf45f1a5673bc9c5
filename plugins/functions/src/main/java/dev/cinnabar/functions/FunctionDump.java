package dev.cinnabar.functions;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbWriter;
import dev.cinnabar.api.script.ScriptException;

import java.io.ByteArrayOutputStream;

/**
 * The FUNCTION DUMP payload, byte-compatible with Redis 7.0: per library the RDB opcode
 * {@code FUNCTION2} (245) and the library's code as an RDB string, then the 2-byte RDB version and
 * the CRC64, little-endian. RESTORE also reads the release-candidate opcode {@code FUNCTION}
 * (246: name, engine, optional description, code without metadata line).
 */
final class FunctionDump {

    private FunctionDump() {
    }

    static byte[] dump(Libraries libraries, boolean compress) {
        RdbWriter w = new RdbWriter(256);
        for (Library lib : libraries.all()) {
            w.type(RdbWriter.OPCODE_FUNCTION2);
            w.string(lib.code(), compress);
        }
        return w.finishDump();
    }

    /**
     * Redis's {@code functionRestoreCommand} up to the merge: checks the trailer, then loads every
     * library of the payload into a new set, as FUNCTION LOAD without REPLACE and without a time
     * limit would. Records are read over the whole payload (trailer included), as Redis's buffer
     * reader does, while more than the 10 trailer bytes remain.
     */
    static Libraries restore(CommandContext ctx, FunctionRegistry registry, byte[] payload) throws ScriptException {
        if (RdbReader.verifyDump(payload) < 0) {
            throw new ScriptException(FunctionErrors.PAYLOAD_WRONG);
        }
        Libraries restored = new Libraries();
        RdbReader r = new RdbReader(payload, 0, payload.length);
        while (r.remaining() > 10) {
            int type;
            try {
                type = r.type();
            } catch (RdbReader.Malformed e) {
                throw new ScriptException("ERR can not read data type");
            }
            byte[] code;
            if (type == RdbWriter.OPCODE_FUNCTION2) {
                code = read(r, FunctionErrors.FAILED_PAYLOAD);
            } else if (type == RdbWriter.OPCODE_FUNCTION_PRE_GA) {
                code = preGa(r);
            } else {
                throw new ScriptException(FunctionErrors.NOT_A_FUNCTION);
            }
            registry.create(ctx, code, restored, false, 0);
        }
        return restored;
    }

    /** 7.0-rc1/rc2 records become {@code "#!<engine> name=<name>\n<code>"}; the description is dropped. */
    static byte[] preGa(RdbReader r) throws ScriptException {
        byte[] name = read(r, FunctionErrors.FAILED_NAME);
        byte[] engine = read(r, FunctionErrors.FAILED_ENGINE);
        long hasDescription;
        try {
            hasDescription = r.length();
        } catch (RdbReader.Malformed e) {
            throw new ScriptException(FunctionErrors.FAILED_DESC_INDICATOR);
        }
        if (hasDescription != 0) {
            read(r, FunctionErrors.FAILED_DESC);
        }
        byte[] blob = read(r, FunctionErrors.FAILED_BLOB);
        // sdscatfmt("#!%s name=%s\n%s"): each part as a C string
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'#', '!'});
        writeCString(out, engine);
        out.writeBytes(" name=".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        writeCString(out, name);
        out.write('\n');
        writeCString(out, blob);
        return out.toByteArray();
    }

    private static void writeCString(ByteArrayOutputStream out, byte[] s) {
        int n = 0;
        while (n < s.length && s[n] != 0) {
            n++;
        }
        out.write(s, 0, n);
    }

    private static byte[] read(RdbReader r, String error) throws ScriptException {
        try {
            return r.string();
        } catch (RdbReader.Malformed e) {
            throw new ScriptException(error);
        }
    }
}
