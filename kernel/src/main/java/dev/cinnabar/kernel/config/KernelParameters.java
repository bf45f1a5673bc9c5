package dev.cinnabar.kernel.config;

import dev.cinnabar.api.config.ConfigParameter;
import dev.cinnabar.api.config.ConfigType;
import dev.cinnabar.kernel.pubsub.KeyspaceEventFlags;

import java.nio.file.Path;

/**
 * The kernel's own configuration parameters, with Redis 7.0's names, defaults and limits.
 * Parameters of features that plugins own (data-type encodings, scripting) are registered by
 * those plugins.
 */
public final class KernelParameters {

    /** Redis's HIDDEN_CONFIG parameters: answered by exact name, left out of CONFIG GET globs. */
    public static final java.util.Set<String> HIDDEN = java.util.Set.of("key-load-delay", "rdb-key-save-delay",
            "loading-process-events-interval-bytes");

    private KernelParameters() {
    }

    private static final long MAX = Long.MAX_VALUE;

    public static void register(ServerConfig c) {
        registerNormalizers(c);
        c.register(ConfigParameter.of("port", ConfigType.integer(0, 65535), "6379").asImmutable());
        c.register(ConfigParameter.of("bind", ConfigType.text(), "* -::*").asImmutable());
        c.register(ConfigParameter.of("protected-mode", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("databases", ConfigType.integer(1, Integer.MAX_VALUE), "16").asImmutable());
        c.register(ConfigParameter.of("tcp-backlog", ConfigType.integer(0, Integer.MAX_VALUE), "511").asImmutable());
        // hidden in Redis too: microseconds of delay per key loaded, for tests of the LOADING state
        c.register(ConfigParameter.of("key-load-delay", ConfigType.integer(Integer.MIN_VALUE, Integer.MAX_VALUE), "0"));
        // and per key saved, for tests that need a save or an AOF rewrite to last
        c.register(ConfigParameter.of("rdb-key-save-delay", ConfigType.integer(Integer.MIN_VALUE, Integer.MAX_VALUE), "0"));
        c.register(ConfigParameter.of("loading-process-events-interval-bytes", ConfigType.integer(1024, Integer.MAX_VALUE), "2097152"));
        c.register(ConfigParameter.of("tcp-keepalive", ConfigType.integer(0, Integer.MAX_VALUE), "300"));
        c.register(ConfigParameter.of("timeout", ConfigType.integer(0, Integer.MAX_VALUE), "0"));
        c.register(ConfigParameter.of("maxclients", ConfigType.integer(1, 4294967295L), "10000"));
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
        c.register(ConfigParameter.of("rdbchecksum", ConfigType.bool(), "yes").asImmutable());
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
        c.register(ConfigParameter.of("notify-keyspace-events",
                new ConfigType.Custom(KeyspaceEventFlags::validate), ""));
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

        // Parameters of features not implemented yet (replication, cluster, TLS, defrag, ACL files,
        // data-type encodings...), registered as value holders with Redis's types, limits and
        // defaults so that clients and the test suite can GET and SET them as on Redis.
        c.register(ConfigParameter.of("acl-pubsub-default", ConfigType.oneOf("allchannels", "resetchannels"), "resetchannels"));
        c.register(ConfigParameter.of("aclfile", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("acllog-max-len", ConfigType.integer(0, MAX), "128"));
        c.register(ConfigParameter.of("active-defrag-cycle-max", ConfigType.integer(1, 99), "25"));
        c.register(ConfigParameter.of("active-defrag-cycle-min", ConfigType.integer(1, 99), "1"));
        c.register(ConfigParameter.of("active-defrag-ignore-bytes", ConfigType.memory(1, MAX), "104857600"));
        c.register(ConfigParameter.of("active-defrag-max-scan-fields", ConfigType.integer(1, MAX), "1000"));
        c.register(ConfigParameter.of("active-defrag-threshold-lower", ConfigType.integer(0, 1000), "10"));
        c.register(ConfigParameter.of("active-defrag-threshold-upper", ConfigType.integer(0, 1000), "100"));
        c.register(ConfigParameter.of("activedefrag", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("aof-disable-auto-gc", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("aof-load-truncated", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("aof-rewrite-incremental-fsync", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("aof-timestamp-enabled", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("aof-use-rdb-preamble", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("aof_rewrite_cpulist", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("auto-aof-rewrite-min-size", ConfigType.memory(0, MAX), "67108864"));
        c.register(ConfigParameter.of("auto-aof-rewrite-percentage", ConfigType.integer(0, Integer.MAX_VALUE), "100"));
        c.register(ConfigParameter.of("bgsave_cpulist", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("bind-source-addr", ConfigType.text(), ""));
        c.register(ConfigParameter.of("bio_cpulist", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("cluster-allow-pubsubshard-when-down", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("cluster-allow-reads-when-down", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("cluster-allow-replica-migration", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("cluster-announce-bus-port", ConfigType.integer(0, 65535), "0"));
        c.register(ConfigParameter.of("cluster-announce-hostname", ConfigType.text(), ""));
        c.register(ConfigParameter.of("cluster-announce-ip", ConfigType.text(), ""));
        c.register(ConfigParameter.of("cluster-announce-port", ConfigType.integer(0, 65535), "0"));
        c.register(ConfigParameter.of("cluster-announce-tls-port", ConfigType.integer(0, 65535), "0"));
        c.register(ConfigParameter.of("cluster-config-file", ConfigType.text(), "nodes.conf").asImmutable());
        c.register(ConfigParameter.of("cluster-link-sendbuf-limit", ConfigType.memory(0, MAX), "0"));
        c.register(ConfigParameter.of("cluster-migration-barrier", ConfigType.integer(0, Integer.MAX_VALUE), "1"));
        c.register(ConfigParameter.of("cluster-node-timeout", ConfigType.integer(0, MAX), "15000"));
        c.register(ConfigParameter.of("cluster-port", ConfigType.integer(0, 65535), "0").asImmutable());
        c.register(ConfigParameter.of("cluster-preferred-endpoint-type", ConfigType.oneOf("ip", "hostname", "unknown-endpoint"), "ip"));
        c.register(ConfigParameter.of("cluster-replica-no-failover", ConfigType.bool(), "no").withAliases("cluster-slave-no-failover"));
        c.register(ConfigParameter.of("cluster-replica-validity-factor", ConfigType.integer(0, Integer.MAX_VALUE), "10").withAliases("cluster-slave-validity-factor"));
        c.register(ConfigParameter.of("cluster-require-full-coverage", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("crash-log-enabled", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("crash-memcheck-enabled", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("disable-thp", ConfigType.bool(), "yes").asImmutable());
        c.register(ConfigParameter.of("dynamic-hz", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("hash-max-listpack-entries", ConfigType.integer(0, MAX), "512").withAliases("hash-max-ziplist-entries"));
        c.register(ConfigParameter.of("hash-max-listpack-value", ConfigType.memory(0, MAX), "64").withAliases("hash-max-ziplist-value"));
        c.register(ConfigParameter.of("hll-sparse-max-bytes", ConfigType.memory(0, MAX), "3000"));
        c.register(ConfigParameter.of("ignore-warnings", ConfigType.text(), ""));
        c.register(ConfigParameter.of("jemalloc-bg-thread", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("latency-tracking-info-percentiles", new ConfigType.Custom(KernelParameters::validatePercentiles), "50 99 99.9"));
        c.register(ConfigParameter.of("lfu-decay-time", ConfigType.integer(0, Integer.MAX_VALUE), "1"));
        c.register(ConfigParameter.of("lfu-log-factor", ConfigType.integer(0, Integer.MAX_VALUE), "10"));
        c.register(ConfigParameter.of("list-compress-depth", ConfigType.integer(0, Integer.MAX_VALUE), "0"));
        c.register(ConfigParameter.of("list-max-listpack-size", ConfigType.integer(Integer.MIN_VALUE, Integer.MAX_VALUE), "-2").withAliases("list-max-ziplist-size"));
        c.register(ConfigParameter.of("masterauth", ConfigType.text(), ""));
        c.register(ConfigParameter.of("masteruser", ConfigType.text(), ""));
        c.register(ConfigParameter.of("maxmemory-clients", new ConfigType.Custom(KernelParameters::validateMemoryOrPercent), "0"));
        c.register(ConfigParameter.of("maxmemory-eviction-tenacity", ConfigType.integer(0, 100), "10"));
        c.register(ConfigParameter.of("min-replicas-max-lag", ConfigType.integer(0, Integer.MAX_VALUE), "10").withAliases("min-slaves-max-lag"));
        c.register(ConfigParameter.of("min-replicas-to-write", ConfigType.integer(0, Integer.MAX_VALUE), "0").withAliases("min-slaves-to-write"));
        c.register(ConfigParameter.of("no-appendfsync-on-rewrite", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("oom-score-adj", ConfigType.oneOf("no", "yes", "relative", "absolute"), "no"));
        c.register(ConfigParameter.of("oom-score-adj-values", new ConfigType.Custom(KernelParameters::validateOomScoreAdjValues), "0 200 800"));
        c.register(ConfigParameter.of("proc-title-template", ConfigType.text(), "{title} {listen-addr} {server-mode}"));
        c.register(ConfigParameter.of("propagation-error-behavior", ConfigType.oneOf("ignore", "panic", "panic-on-replicas"), "ignore"));
        c.register(ConfigParameter.of("rdb-del-sync-files", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("rdb-save-incremental-fsync", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("repl-backlog-size", ConfigType.memory(1, MAX), "1048576"));
        c.register(ConfigParameter.of("repl-backlog-ttl", ConfigType.integer(0, MAX), "3600"));
        c.register(ConfigParameter.of("repl-disable-tcp-nodelay", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("repl-diskless-load", ConfigType.oneOf("disabled", "on-empty-db", "swapdb"), "disabled"));
        c.register(ConfigParameter.of("repl-diskless-sync", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("repl-diskless-sync-delay", ConfigType.integer(0, Integer.MAX_VALUE), "5"));
        c.register(ConfigParameter.of("repl-diskless-sync-max-replicas", ConfigType.integer(0, Integer.MAX_VALUE), "0"));
        c.register(ConfigParameter.of("repl-ping-replica-period", ConfigType.integer(1, Integer.MAX_VALUE), "10").withAliases("repl-ping-slave-period"));
        c.register(ConfigParameter.of("repl-timeout", ConfigType.integer(1, Integer.MAX_VALUE), "60"));
        c.register(ConfigParameter.of("replica-announce-ip", ConfigType.text(), "").withAliases("slave-announce-ip"));
        c.register(ConfigParameter.of("replica-announce-port", ConfigType.integer(0, 65535), "0").withAliases("slave-announce-port"));
        c.register(ConfigParameter.of("replica-announced", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("replica-ignore-disk-write-errors", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("replica-ignore-maxmemory", ConfigType.bool(), "yes").withAliases("slave-ignore-maxmemory"));
        c.register(ConfigParameter.of("replica-lazy-flush", ConfigType.bool(), "no").withAliases("slave-lazy-flush"));
        c.register(ConfigParameter.of("replica-priority", ConfigType.integer(0, Integer.MAX_VALUE), "100").withAliases("slave-priority"));
        c.register(ConfigParameter.of("replica-serve-stale-data", ConfigType.bool(), "yes").withAliases("slave-serve-stale-data"));
        c.register(ConfigParameter.of("replicaof", ConfigType.text(), "").withAliases("slaveof").asImmutable());
        c.register(ConfigParameter.of("sanitize-dump-payload", ConfigType.oneOf("no", "yes", "clients"), "no"));
        c.register(ConfigParameter.of("server_cpulist", ConfigType.text(), "").asImmutable());
        c.register(ConfigParameter.of("set-max-intset-entries", ConfigType.integer(0, MAX), "512"));
        c.register(ConfigParameter.of("shutdown-on-sigint", ConfigType.oneOf("default", "save", "nosave", "now", "force"), "default"));
        c.register(ConfigParameter.of("shutdown-on-sigterm", ConfigType.oneOf("default", "save", "nosave", "now", "force"), "default"));
        c.register(ConfigParameter.of("shutdown-timeout", ConfigType.integer(0, Integer.MAX_VALUE), "10"));
        c.register(ConfigParameter.of("socket-mark-id", ConfigType.integer(0, Integer.MAX_VALUE), "0").asImmutable());
        c.register(ConfigParameter.of("stream-node-max-bytes", ConfigType.memory(0, MAX), "4096"));
        c.register(ConfigParameter.of("stream-node-max-entries", ConfigType.integer(0, MAX), "100"));
        c.register(ConfigParameter.of("syslog-enabled", ConfigType.bool(), "no").asImmutable());
        c.register(ConfigParameter.of("syslog-facility", ConfigType.text(), "local0").asImmutable());
        c.register(ConfigParameter.of("syslog-ident", ConfigType.text(), "redis").asImmutable());
        c.register(ConfigParameter.of("tls-auth-clients", ConfigType.oneOf("no", "yes", "optional"), "yes"));
        c.register(ConfigParameter.of("tls-ca-cert-dir", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-ca-cert-file", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-cert-file", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-ciphers", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-ciphersuites", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-client-cert-file", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-client-key-file", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-client-key-file-pass", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-cluster", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("tls-dh-params-file", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-key-file", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-key-file-pass", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-port", ConfigType.integer(0, 65535), "0"));
        c.register(ConfigParameter.of("tls-prefer-server-ciphers", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("tls-protocols", ConfigType.text(), ""));
        c.register(ConfigParameter.of("tls-replication", ConfigType.bool(), "no"));
        c.register(ConfigParameter.of("tls-session-cache-size", ConfigType.integer(0, Integer.MAX_VALUE), "20480"));
        c.register(ConfigParameter.of("tls-session-cache-timeout", ConfigType.integer(0, Integer.MAX_VALUE), "300"));
        c.register(ConfigParameter.of("tls-session-caching", ConfigType.bool(), "yes"));
        c.register(ConfigParameter.of("unixsocketperm", ConfigType.integer(0, Integer.MAX_VALUE), "0").asImmutable());
        c.register(ConfigParameter.of("zset-max-listpack-entries", ConfigType.integer(0, MAX), "128").withAliases("zset-max-ziplist-entries"));
        c.register(ConfigParameter.of("zset-max-listpack-value", ConfigType.memory(0, MAX), "64").withAliases("zset-max-ziplist-value"));
    }

    /** {@code save}: pairs of "seconds changes" (seconds at least 1), or the empty string. */
    static String validateSave(String v) {
        if (v.isEmpty()) {
            return null;
        }
        // Redis splits on single spaces: doubled, leading or trailing spaces make empty words
        String[] parts = v.split(" ", -1);
        if (parts.length % 2 != 0) {
            return "Invalid save parameters";
        }
        for (int i = 0; i < parts.length; i++) {
            try {
                long n = Long.parseLong(parts[i]);
                if (n < (i % 2 == 0 ? 1 : 0)) {
                    return "Invalid save parameters";
                }
            } catch (NumberFormatException e) {
                return "Invalid save parameters";
            }
        }
        return null;
    }

    /** Value adjustments Redis makes instead of refusing. */
    static void registerNormalizers(ServerConfig c) {
        c.normalizer("hz", v -> Long.toString(Math.max(1, Math.min(500, Long.parseLong(v)))));
        c.normalizer("save", v -> v.isEmpty() ? v : String.join(" ", v.trim().split("\\s+")));
    }

    /** {@code latency-tracking-info-percentiles}: numbers between 0 and 100. */
    static String validatePercentiles(String v) {
        String t = v.trim();
        if (t.isEmpty()) {
            return null;
        }
        for (String p : t.split("\\s+")) {
            double d;
            try {
                d = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                return "Invalid latency-tracking-info-percentiles parameters";
            }
            if (d < 0 || d > 100) {
                return "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]";
            }
        }
        return null;
    }

    /** {@code maxmemory-clients}: a memory value or a percentage of maxmemory. */
    static String validateMemoryOrPercent(String v) {
        if (v.endsWith("%")) {
            String n = v.substring(0, v.length() - 1);
            if (!n.isEmpty() && n.length() < 10 && n.chars().allMatch(Character::isDigit)) {
                return null;
            }
        } else if (MemorySize.parse(v) >= 0) {
            return null;
        }
        return "argument must be a memory or percent value";
    }

    /** {@code oom-score-adj-values}: three integers in -2000..2000, one per client class. */
    static String validateOomScoreAdjValues(String v) {
        String[] parts = v.trim().split("\\s+");
        if (parts.length != 3) {
            return "wrong number of arguments";
        }
        for (String p : parts) {
            try {
                int n = Integer.parseInt(p);
                if (n < -2000 || n > 2000) {
                    return "Invalid oom-score-adj-values, elements must be between -2000 and 2000.";
                }
            } catch (NumberFormatException e) {
                return "Invalid oom-score-adj-values, elements must be between -2000 and 2000.";
            }
        }
        return null;
    }
}
