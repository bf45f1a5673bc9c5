package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/** The first differential cases: the harness itself and the connection basics. */
class SmokeDifferentialTest extends DifferentialTest {

    @Test
    void pingEchoAndSelectMatchRedis() {
        same("PING");
        same("PING hello");
        same("PING a b");
        same("ECHO \"hello world\"");
        same("ECHO");
        same("SELECT 1");
        same("SELECT 16");
        same("SELECT -1");
        same("SELECT x");
        same("SELECT 0");
    }

    @Test
    void unknownCommandTextMatchesRedis() {
        same("NOSUCHCOMMAND");
        same("nosuchcommand a b c");
        same("foo " + "x".repeat(200) + " y");
    }
}
