package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** conf/cinnabar.conf documents every parameter the server accepts (CONFIG GET *), with its default. */
class ConfigFileDocumentationTest {

    @Test
    void everyParameterTheServerAcceptsIsInTheShippedConfigFile() throws IOException {
        String conf = Files.readString(ServerProcess.distribution().resolve("conf/cinnabar.conf"));
        List<String> undocumented = new ArrayList<>();
        try (ServerProcess cinnabar = ServerProcess.cinnabar(); RawConnection c = cinnabar.connect()) {
            List<String> flat = RespArrays.strings(c.call("CONFIG GET *"));
            for (int i = 0; i < flat.size(); i += 2) {
                String name = flat.get(i);
                if (!Pattern.compile("(?m)^#?\\s*" + Pattern.quote(name) + "\\s").matcher(conf).find()) {
                    undocumented.add(name);
                }
            }
        }
        assertEquals(List.of(), undocumented, "parameters missing from conf/cinnabar.conf");
    }
}
