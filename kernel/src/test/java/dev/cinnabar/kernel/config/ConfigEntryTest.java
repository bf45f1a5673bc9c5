package dev.cinnabar.kernel.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConfigEntryTest {

    private final ServerConfig config = new ServerConfig();

    ConfigEntryTest() {
        KernelParameters.register(config);
    }

    @Test
    void validationReasonsAreRedisTexts() {
        assertEquals("argument must be 'yes' or 'no'", config.entry("appendonly").validate("maybe"));
        assertEquals("argument couldn't be parsed into an integer", config.entry("hz").validate("ten"));
        assertEquals("argument must be between 1 and 10 inclusive", config.entry("active-expire-effort").validate("11"));
        assertEquals("argument must be a memory value", config.entry("maxmemory").validate("lots"));
        assertEquals("argument(s) must be one of the following: everysec, always, no",
                config.entry("appendfsync").validate("sometimes"));
        assertEquals("Invalid save parameters", config.entry("save").validate("100"));
        assertNull(config.entry("save").validate(""));
        assertNull(config.entry("maxmemory").validate("1gb"));
    }

    @Test
    void aliasesReachTheSameEntryAndMemoryValuesAreNormalised() {
        assertEquals(config.entry("busy-reply-threshold"), config.entry("LUA-TIME-LIMIT"));
        config.applyStartup("maxmemory", "1mb");
        assertEquals("1048576", config.get("maxmemory"));
        assertEquals(1_000_000, MemorySize.parse("1m"));
        assertEquals(-1, MemorySize.parse("-5"));
    }

    @Test
    void unknownStartupNamesWaitForAPluginToRegisterThem() {
        config.applyStartup("example-plugin-limit", "64");
        assertEquals(java.util.List.of("example-plugin-limit"), config.unknownPending());
        config.register(dev.cinnabar.api.config.ConfigParameter.of("example-plugin-limit",
                dev.cinnabar.api.config.ConfigType.integer(0, Long.MAX_VALUE), "512"));
        assertEquals("64", config.get("example-plugin-limit"));
        assertEquals(java.util.List.of(), config.unknownPending());
    }
}
