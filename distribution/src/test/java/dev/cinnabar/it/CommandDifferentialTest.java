package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/** COMMAND and its subcommands, compared byte for byte with Redis 7.0.15. */
class CommandDifferentialTest extends DifferentialTest {

    @Test
    void infoOfRegisteredCommandsMatchesRedis() {
        same("COMMAND INFO get");
        same("COMMAND INFO nosuch get");
        same("COMMAND INFO GET ping echo");
        same("COMMAND INFO config|get");
        same("COMMAND INFO CONFIG|SET");
    }

    @Test
    void docsMatchRedis() {
        same("COMMAND DOCS get");
        same("COMMAND DOCS ping");
        same("COMMAND DOCS nosuch");
        same("COMMAND DOCS config|get");
    }

    @Test
    void getKeysAndItsErrorsMatchRedis() {
        same("COMMAND GETKEYS get a");
        same("COMMAND GETKEYS del a b c");
        same("COMMAND GETKEYS get");
        same("COMMAND GETKEYS ping x");
        same("COMMAND GETKEYS get a b");
        same("COMMAND GETKEYS nosuch a");
        same("COMMAND GETKEYS config get x");
        same("COMMAND GETKEYS config|get x");
        same("COMMAND GETKEYSANDFLAGS get a");
        same("COMMAND GETKEYSANDFLAGS set a b");
        same("COMMAND GETKEYSANDFLAGS set a b get");
        same("COMMAND GETKEYSANDFLAGS del a b");
    }

    @Test
    void listFiltersHelpAndErrorsMatchRedis() {
        same("COMMAND LIST x");
        same("COMMAND LIST FILTERBY nosuch x");
        same("COMMAND LIST FILTERBY aclcat nosuch");
        same("COMMAND LIST FILTERBY module x");
        same("COMMAND LIST FILTERBY pattern ping");
        sameUnordered("COMMAND LIST FILTERBY PATTERN ECH?");
        sameUnordered("COMMAND LIST FILTERBY PATTERN config|[g-s]et");
        same("COMMAND HELP");
        same("COMMAND FOO");
        same("COMMAND COUNT x");
        same("COMMAND GETKEYS");
    }
}
