package dev.cinnabar.kernel.config;

import dev.cinnabar.api.config.ConfigParameter;
import dev.cinnabar.api.config.ConfigType;

import java.nio.file.Path;

/**
 * The kernel's own configuration parameters, with Redis 7.0's names, defaults and limits.
 * Parameters of features that plugins own (data-type encodings, scripting) are registered by
 * those plugins.
 */
public final class KernelParameters {

    private KernelParameters() {
    }

    private static final long MAX = Long.MAX_VALUE;

    public static void register(ServerConfig c) {
        c.register(ConfigParameter.of("port", ConfigType.integer(0, 65535), "6379").asImmutable());
        c.register(ConfigParameter.of("bind", ConfigType.text(), "* -::*").asImmutable());
        c.register(ConfigParameter.of("protected-mode", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("databases", ConfigType.integer(1, Integer.MAX_VALUE), "16").asImmutable());
        c.register(ConfigParameter.of("tcp-backlog", ConfigType.integer(0, Integer.MAX_VALUE), "511").asImmutable());
        c.register(ConfigParameter.of("tcp-keepalive", ConfigType.integer(0, Integer.MAX_VALUE), "300"));
        c.register(ConfigParameter.of("timeout", ConfigType.integer(0, Integer.MAX_VALUE), "0"));
        c.register(ConfigParameter.of("maxclients", ConfigType.integer(1, Integer.MAX_VALUE), "10000"));
        c.register(ConfigParameter.of("maxmemory", ConfigType.memory(0, MAX), "0"));
        c.register(ConfigParameter.of("maxmemory-policy", ConfigType.oneOf("volatile-lru", "volatile-lfu",
                "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"), "noeviction"));
        c.register(ConfigParameter.of("maxmemory-samples", ConfigType.integer(1, 64), "5"));
        c.register(ConfigParameter.of("busy-reply-threshold", ConfigType.integer(0, MAX), "5000").withAliases("lua-time-limit"));
        c.register(ConfigParameter.of("appendonly", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("appendfsync", ConfigType.oneOf("everysec", "always", "no"), "everysec"));
        c.register(ConfigParameter.of("appendfilename", ConfigType.text(), "appendonly.aof").asImmutable());
        c.register(ConfigParameter.of("appenddirname", ConfigType.text(), "appendonlydir").asImmutable());
        c.register(ConfigParameter.of("save", new ConfigType.Custom(KernelParameters::validateSave), "3600 1 300 100 60 10000"));
        c.register(ConfigParameter.of("dir", ConfigType.text(), Path.of("").toAbsolutePath().toString()), true);
        c.register(ConfigParameter.of("dbfilename", ConfigType.text(), "dump.rdb"), true);
        c.register(ConfigParameter.of("rdbcompression", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("rdbchecksum", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("stop-writes-on-bgsave-error", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("requirepass", ConfigType.text(), ""));
        c.register(ConfigParameter.of("hz", ConfigType.integer(0, Integer.MAX_VALUE), "10"));
        c.register(ConfigParameter.of("lazyfree-lazy-user-flush", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("lazyfree-lazy-expire", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("lazyfree-lazy-eviction", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("lazyfree-lazy-server-del", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("lazyfree-lazy-user-del", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("proto-max-bulk-len", ConfigType.memory(1024 * 1024, MAX), "536870912"));
        c.register(ConfigParameter.of("client-query-buffer-limit", ConfigType.memory(1024 * 1024, MAX), "1073741824"));
        c.register(ConfigParameter.of("enable-debug-command", ConfigType.oneOf("no", "yes", "local"), "no").asImmutable());
        c.register(ConfigParameter.of("enable-module-command", ConfigType.oneOf("no", "yes", "local"), "no").asImmutable());
        c.register(ConfigParameter.of("enable-protected-configs", ConfigType.oneOf("no", "yes", "local"), "no").asImmutable());
        c.register(ConfigParameter.of("loglevel", ConfigType.oneOf("debug", "verbose", "notice", "warning"), "notice"));
        c.register(ConfigParameter.of("logfile", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("pidfile", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("daemonize", ConfigType.bool(), "no").asImmutable());
        c.register(ConfigParameter.of("supervised", ConfigType.oneOf("upstart", "systemd", "auto", "no"), "no").asImmutable());
        c.register(ConfigParameter.of("unixsocket", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("io-threads", ConfigType.integer(1, 128), "1").asImmutable());
        c.register(ConfigParameter.of("io-threads-do-reads", ConfigType.bool(), "no").asImmutable());
        c.register(ConfigParameter.of("cluster-enabled", ConfigType.bool(), "no").asImmutable());
        c.register(ConfigParameter.of("always-show-logo", ConfigType.bool(), "no").asImmutable());
        c.register(ConfigParameter.of("set-proc-title", ConfigType.bool(), "yes").asImmutable());
        c.register(ConfigParameter.of("notify-keyspace-events", ConfigType.text(), ""));
        c.register(ConfigParameter.of("slowlog-log-slower-than", ConfigType.integer(-1, MAX), "10000"));
        c.register(ConfigParameter.of("slowlog-max-len", ConfigType.integer(0, MAX), "128"));
        c.register(ConfigParameter.of("latency-monitor-threshold", ConfigType.integer(0, MAX), "0"));
        c.register(ConfigParameter.of("latency-tracking", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("activerehashing", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("active-expire-effort", ConfigType.integer(1, 10), "1"));
        c.register(ConfigParameter.of("replica-read-only", ConfigType.bool(), "yes").withAliases("slave-read-only"));
        c.register(ConfigParameter.of("tracking-table-max-keys", ConfigType.integer(0, MAX), "1000000"));
        c.register(ConfigParameter.of("client-output-buffer-limit", ConfigType.text(),
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
    }

    /** {@code save}: pairs of "seconds changes", or empty. */
    static String validateSave(String v) {
        String t = v.trim();
        if (t.isEmpty()) {
            return null;
        }
        String[] parts = t.split("\\s+");
        if (parts.length % 2 != 0) {
            return "Invalid save parameters";
        }
        for (String p : parts) {
            try {
                if (Long.parseLong(p) < 0) {
                    return "Invalid save parameters";
                }
            } catch (NumberFormatException e) {
                return "Invalid save parameters";
            }
        }
        return null;
    }
}
