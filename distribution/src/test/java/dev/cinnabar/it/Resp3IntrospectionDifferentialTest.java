package dev.cinnabar.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The introspection replies in RESP3. Skipped (with a reason) while Cinnabar does not answer
 * {@code HELLO 3}; they run as soon as it does.
 */
class Resp3IntrospectionDifferentialTest extends DifferentialTest {

    @BeforeEach
    void switchToResp3() {
        helloResp3();
    }

    @Test
    void commandInfoAndDocsMatchRedis() {
        same("COMMAND INFO get nosuch");
        same("COMMAND INFO config|get");
        same("COMMAND DOCS get");
        same("COMMAND DOCS nosuch");
        same("COMMAND GETKEYSANDFLAGS set a b");
    }

    @Test
    void configGetIsAMap() {
        same("CONFIG GET hz");
        same("CONFIG GET nosuch");
    }

    @Test
    void debugProtocolMatchesRedis() {
        for (String t : new String[] {"string", "integer", "double", "bignum", "null", "array", "set", "map",
                "attrib", "push", "verbatim", "true", "false"}) {
            same("DEBUG PROTOCOL " + t);
        }
    }

    @Test
    void unknownInfoSectionIsAnEmptyVerbatim() {
        same("INFO nosuch");
    }
}
