package dev.cinnabar.engine.lua.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential cases of distribution/src/test/resources/scripts/lua51.cases, each compared with
 * the reply real Redis 7.0.15 gave (recorded by env/record.py into env/lua51.expected). Cases listed
 * in env/lua51.known-differences are where Cinnabar knowingly differs; they are skipped here.
 */
class Lua51CasesTest {

    static final Path CASES = Path.of("../../distribution/src/test/resources/scripts/lua51.cases");

    static List<String> cases() throws IOException {
        String all = Files.readString(CASES, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        for (String c : all.split("\n----\n", -1)) {
            out.add(c.replaceAll("^\n+|\n+$", ""));
        }
        return out;
    }

    static List<String> resource(String name) throws IOException {
        try (var in = Lua51CasesTest.class.getResourceAsStream("/env/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @ParameterizedTest(name = "debuglib={0}")
    @ValueSource(booleans = {false, true})
    void casesMatchRedis(boolean withDebugLib) throws IOException {
        List<String> cases = cases();
        List<String> expected = resource("lua51.expected");
        assertEquals(cases.size(), expected.size(), "lua51.expected is out of date: run env/record.py");
        Set<String> known = new HashSet<>();
        for (String l : resource("lua51.known-differences")) {
            if (!l.isBlank() && !l.startsWith("#")) known.add(l);
        }
        Drand48.reset();
        Lua51Runner runner = new Lua51Runner(withDebugLib);
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < cases.size(); i++) {
            String c = cases.get(i);
            if (known.contains(c.lines().findFirst().orElse(""))) continue;
            String got;
            try {
                got = runner.run(c);
            } catch (Throwable t) {
                got = "THROWN " + t;
            }
            if (!got.equals(expected.get(i))) {
                failed++;
                failures.append("\n#").append(i).append(": ").append(c.replace('\n', ' '))
                        .append("\n  redis:     ").append(expected.get(i))
                        .append("\n  cinnabar:  ").append(got);
            }
        }
        if (failed > 0) fail(failed + " cases differ from Redis 7.0.15:" + failures);
    }
}
