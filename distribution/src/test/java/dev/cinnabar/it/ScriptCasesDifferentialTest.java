package dev.cinnabar.it;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every script of {@code src/test/resources/scripts/*.cases} (cases separated by a line
 * {@code ----}) run with {@code EVAL <body> 0} on Redis and Cinnabar, in RESP2 and in RESP3,
 * replies compared byte for byte.
 */
class ScriptCasesDifferentialTest extends DifferentialTest {

    @TestFactory
    Stream<DynamicTest> casesInResp2() throws IOException {
        return cases(false);
    }

    @TestFactory
    Stream<DynamicTest> casesInResp3() throws IOException {
        return cases(true);
    }

    private Stream<DynamicTest> cases(boolean resp3) throws IOException {
        // read from the source tree: the distribution module packages no test resources
        Path dir = Path.of("src", "test", "resources", "scripts");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cases")).sorted().toList()) {
                List<String> bodies = parse(f);
                for (int i = 0; i < bodies.size(); i++) {
                    String body = bodies.get(i);
                    String name = f.getFileName() + " #" + (i + 1) + ": " + oneLine(body);
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        if (resp3) {
                            helloResp3();
                        }
                        r.call("FLUSHALL");
                        c.call("FLUSHALL");
                        same(bytes("EVAL"), body.getBytes(StandardCharsets.ISO_8859_1), bytes("0"));
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** The cases of one file; the file is read as bytes so that scripts may hold any byte. */
    static List<String> parse(Path file) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.equals("----")) {
                add(out, cur);
                cur.setLength(0);
            } else {
                if (cur.length() > 0) {
                    cur.append('\n');
                }
                cur.append(line);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString();
        if (!s.isBlank()) {
            out.add(s);
        }
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ');
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
