package dev.cinnabar.commands.keys;

import dev.cinnabar.api.config.ConfigView;

/** What OBJECT needs to know about {@code maxmemory-policy} (Redis's MAXMEMORY_FLAG_LRU/LFU). */
final class MaxmemoryPolicy {

    private MaxmemoryPolicy() {
    }

    /** {@code volatile-lfu} or {@code allkeys-lfu}. */
    static boolean isLfu(ConfigView config) {
        return policy(config).endsWith("-lfu");
    }

    /** An LRU or LFU policy: one that keeps per-object access data. */
    static boolean tracksAccess(ConfigView config) {
        String p = policy(config);
        return p.endsWith("-lru") || p.endsWith("-lfu");
    }

    private static String policy(ConfigView config) {
        String p = config.get("maxmemory-policy");
        return p == null ? "noeviction" : p;
    }
}
