package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/** {@code MODULE} where Cinnabar must answer exactly as Redis (LIST differs: Cinnabar lists its plugins). */
class ModuleDifferentialTest extends DifferentialTest {

    @Test
    void helpAndArity() {
        same("MODULE HELP");
        same("module help");
        same("MODULE HELP x");
        same("MODULE");
        same("MODULE FOO");
        same("MODULE LIST x");
        same("MODULE LOAD");
        same("MODULE UNLOAD");
        same("MODULE LOADEX");
    }

    @Test
    void loadingAndUnloadingFailLikeRedis() {
        same("MODULE LOAD /nonexistent/module.so");
        same("MODULE LOAD /nonexistent/module.so a b");
        same("MODULE LOADEX /nonexistent/module.so CONFIG a b ARGS c");
        same("MODULE LOADEX /nonexistent/module.so FOO");
        same("MODULE UNLOAD nosuchmodule");
    }
}
