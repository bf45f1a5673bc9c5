package dev.cinnabar.kernel.aof;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AofManifestTest {

    private static AofManifest parse(String text) throws AofManifest.Invalid {
        return AofManifest.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String error(String text) {
        return assertThrows(AofManifest.Invalid.class, () -> parse(text)).getMessage();
    }

    @Test
    void formatIsRedisManifestSyntaxInBaseHistoryIncrOrder() throws Exception {
        AofManifest m = parse("file appendonly.aof.2.incr.aof seq 2 type i\n# comment\n"
                + "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type h\n"
                + "file appendonly.aof.3.incr.aof seq 3 type i extra pair\n");
        assertEquals("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type h\n"
                + "file appendonly.aof.2.incr.aof seq 2 type i\nfile appendonly.aof.3.incr.aof seq 3 type i\n",
                new String(m.format(), StandardCharsets.ISO_8859_1));
        assertEquals(1, m.currentBaseSeq);
        assertEquals(3, m.currentIncrSeq);
    }

    @Test
    void namesThatNeedQuotingAreQuotedAndReadBack() throws Exception {
        AofManifest m = new AofManifest();
        m.base = new AofManifest.Entry("my file.1.base.rdb", 1, AofManifest.Type.BASE);
        String text = new String(m.format(), StandardCharsets.ISO_8859_1);
        assertEquals("file \"my file.1.base.rdb\" seq 1 type b\n", text);
        assertEquals("my file.1.base.rdb", parse(text).base.name());
    }

    @Test
    void malformedManifestsAreRefusedWithRedisWording() {
        assertEquals("Found an empty AOF manifest", error("# only a comment\n"));
        assertEquals("Invalid AOF manifest file format", error("file a seq 1\n"));
        assertEquals("Invalid AOF manifest file format", error("file a seq 0 type b\n"));
        assertEquals("File can't be a path, just a filename", error("file ../a seq 1 type b\n"));
        assertEquals("Found duplicate base file information", error("file a seq 1 type b\nfile b seq 2 type b\n"));
        assertEquals("Found a non-monotonic sequence number", error("file a seq 2 type i\nfile b seq 2 type i\n"));
        assertEquals("Unknown AOF file type", error("file a seq 1 type x\n"));
        assertEquals("The AOF manifest file contains too long line", error("file " + "a".repeat(1100) + " seq 1 type b\n"));
    }
}
