package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.config.InfoContributor;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.Server;
import dev.cinnabar.kernel.Version;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.exec.ServerStats;
import dev.cinnabar.kernel.keyspace.KernelDatabase;
import dev.cinnabar.kernel.keyspace.KeyspaceStats;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * INFO ({@code server.c} {@code genRedisInfoString}): Redis 7.0.15's sections, fields and order.
 * Fields Redis clients and the test suite read carry real values; fields about machinery Cinnabar
 * does not have (forks, replication links, defrag, jemalloc) carry what an idle Redis reports.
 */
final class InfoCommand {

    static final List<String> SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");
    private static final Set<String> DEFAULT = Set.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    private final Server server;
    private long peakMemory;

    InfoCommand(Server server) {
        this.server = server;
    }

    void register(CommandRegistrar r) {
        r.redisCommand("info", this::info);
    }

    private void info(CommandContext ctx, Arguments args, ReplySink reply) {
        Set<String> wanted = new LinkedHashSet<>();
        boolean all = false, everything = false;
        if (args.count() == 1) {
            wanted.addAll(DEFAULT);
        }
        for (int i = 1; i < args.count(); i++) {
            String s = args.string(i).toLowerCase(Locale.ROOT);
            switch (s) {
                case "all" -> all = true;
                case "everything" -> everything = true;
                case "default" -> wanted.addAll(DEFAULT);
                case "module_list" -> wanted.add("modules");
                default -> wanted.add(s);
            }
        }
        if (all || everything) {
            wanted.addAll(SECTIONS);
        }
        reply.verbatim("txt", render(wanted, all || everything).getBytes(StandardCharsets.UTF_8));
    }

    /** The INFO text for the named sections; {@code allContributed} adds every plugin section. */
    String render(Set<String> wanted, boolean allContributed) {
        StringBuilder out = new StringBuilder();
        for (String s : SECTIONS) {
            if (wanted.contains(s)) {
                // a plugin's field of a kernel section replaces the kernel's in place (the
                // scripting plugin's number_of_cached_scripts); new names go at the end
                Map<String, String> contributed = new LinkedHashMap<>();
                for (InfoContributor c : server.infoContributors()) {
                    if (c.section().equals(s)) {
                        c.write(contributed::put);
                    }
                }
                Section sec = new Section(out, title(s), contributed);
                writeSection(s, sec);
                contributed.forEach(sec::append);
            }
        }
        Set<String> extra = new LinkedHashSet<>();
        for (InfoContributor c : server.infoContributors()) {
            if (!SECTIONS.contains(c.section()) && (allContributed || wanted.contains(c.section()))) {
                extra.add(c.section());
            }
        }
        for (String s : extra) {
            contribute(s, new Section(out, title(s), Map.of()));
        }
        return out.toString();
    }

    private static String title(String s) {
        if (s.equals("cpu")) {
            return "CPU";
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void contribute(String section, Section sec) {
        for (InfoContributor c : server.infoContributors()) {
            if (c.section().equals(section)) {
                c.write(sec::field);
            }
        }
    }

    /** One section being written: the header (after a blank line unless first), then fields. */
    private static final class Section {
        private final StringBuilder out;
        private final Map<String, String> overrides;
        /** Plugin values already written in place of the kernel's. */
        private final Map<String, String> written = new java.util.HashMap<>();

        Section(StringBuilder out, String title, Map<String, String> overrides) {
            this.out = out;
            this.overrides = overrides;
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append("# ").append(title).append("\r\n");
        }

        /** A plugin's value of a field of this section (whether written yet or not), or {@code otherwise}. */
        long contributed(String name, long otherwise) {
            String v = overrides.get(name);
            if (v == null) {
                v = written.get(name);
            }
            try {
                return v == null ? otherwise : Long.parseLong(v);
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }

        void field(String name, String value) {
            String v = overrides.isEmpty() ? null : overrides.remove(name);
            if (v != null) {
                written.put(name, v);
            }
            append(name, v != null ? v : value);
        }

        void append(String name, String value) {
            out.append(name).append(':').append(value).append("\r\n");
        }

        void field(String name, long value) {
            field(name, Long.toString(value));
        }
    }

    private void writeSection(String name, Section s) {
        switch (name) {
            case "server" -> server(s);
            case "clients" -> clients(s);
            case "memory" -> memory(s);
            case "persistence" -> persistence(s);
            case "stats" -> stats(s);
            case "replication" -> replication(s);
            case "cpu" -> cpu(s);
            case "commandstats" -> commandStats(s);
            case "errorstats" -> errorStats(s);
            case "latencystats" -> latencyStats(s);
            case "cluster" -> s.field("cluster_enabled", 0);
            case "keyspace" -> keyspace(s);
            default -> { } // modules: the header only
        }
    }

    private void server(Section s) {
        long now = System.currentTimeMillis();
        long uptime = (now - server.startMillis()) / 1000;
        var cfg = server.config();
        s.field("redis_version", Version.REDIS);
        s.field("redis_git_sha1", "00000000");
        s.field("redis_git_dirty", 0);
        s.field("redis_build_id", "0");
        // Cinnabar's own version: an extra field, which INFO readers (regex or key:value maps) ignore
        s.field("cinnabar_version", Version.CINNABAR);
        s.field("redis_mode", "standalone");
        String arch = System.getProperty("os.arch");
        s.field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + (arch.equals("amd64") ? "x86_64" : arch));
        s.field("arch_bits", System.getProperty("sun.arch.data.model", "64"));
        s.field("monotonic_clock", "POSIX clock_gettime");
        s.field("multiplexing_api", "epoll");
        s.field("atomicvar_api", "c11-builtin");
        s.field("gcc_version", "0.0.0");
        s.field("process_id", ProcessHandle.current().pid());
        s.field("process_supervised", "no");
        s.field("run_id", server.runId());
        s.field("tcp_port", server.port());
        s.field("server_time_usec", now * 1000);
        s.field("uptime_in_seconds", uptime);
        s.field("uptime_in_days", uptime / 86400);
        s.field("hz", server.hz());
        s.field("configured_hz", cfg.getLong("hz"));
        s.field("lru_clock", (now / 1000) & ((1 << 24) - 1));
        s.field("executable", ProcessHandle.current().info().command().orElse(""));
        s.field("config_file", cfg.configFile() == null ? "" : cfg.configFile().toAbsolutePath().toString());
        s.field("io_threads_active", 0);
    }

    private void clients(Section s) {
        s.field("connected_clients", server.clients().size());
        s.field("cluster_connections", 0);
        s.field("maxclients", server.config().getLong("maxclients"));
        s.field("client_recent_max_input_buffer", 0);
        s.field("client_recent_max_output_buffer", 0);
        s.field("blocked_clients", server.blockedClients().count());
        s.field("tracking_clients", 0);
        s.field("clients_in_timeout_table", 0);
    }

    private void memory(Section s) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        peakMemory = Math.max(peakMemory, used);
        long rss = SystemStats.rssBytes();
        long total = SystemStats.totalSystemMemory();
        long maxmemory = server.config().getLong("maxmemory");
        s.field("used_memory", used);
        s.field("used_memory_human", human(used));
        s.field("used_memory_rss", rss);
        s.field("used_memory_rss_human", human(rss));
        s.field("used_memory_peak", peakMemory);
        s.field("used_memory_peak_human", human(peakMemory));
        s.field("used_memory_peak_perc", String.format(Locale.ROOT, "%.2f%%", peakMemory == 0 ? 0.0 : 100.0 * used / peakMemory));
        s.field("used_memory_overhead", 0);
        s.field("used_memory_startup", 0);
        s.field("used_memory_dataset", used);
        s.field("used_memory_dataset_perc", "100.00%");
        s.field("allocator_allocated", used);
        s.field("allocator_active", rt.totalMemory());
        s.field("allocator_resident", rss);
        s.field("total_system_memory", total);
        s.field("total_system_memory_human", human(total));
        s.field("used_memory_lua", 31744);
        s.field("used_memory_vm_eval", 31744);
        s.field("used_memory_lua_human", human(31744));
        s.field("used_memory_scripts_eval", 0);
        s.field("number_of_cached_scripts", 0);
        s.field("number_of_functions", 0);
        s.field("number_of_libraries", 0);
        s.field("used_memory_vm_functions", 32768);
        // totals of the scripting and functions plugins' fields (their placeholders' values here)
        long vmTotal = s.contributed("used_memory_vm_eval", 31744) + s.contributed("used_memory_vm_functions", 32768);
        s.field("used_memory_vm_total", vmTotal);
        s.field("used_memory_vm_total_human", human(vmTotal));
        s.field("used_memory_functions", 184);
        long scripts = s.contributed("used_memory_scripts_eval", 0) + s.contributed("used_memory_functions", 184);
        s.field("used_memory_scripts", scripts);
        s.field("used_memory_scripts_human", human(scripts));
        s.field("maxmemory", maxmemory);
        s.field("maxmemory_human", human(maxmemory));
        s.field("maxmemory_policy", server.config().get("maxmemory-policy"));
        double frag = used == 0 ? 0 : (double) rss / used;
        s.field("allocator_frag_ratio", "1.00");
        s.field("allocator_frag_bytes", 0);
        s.field("allocator_rss_ratio", "1.00");
        s.field("allocator_rss_bytes", 0);
        s.field("rss_overhead_ratio", "1.00");
        s.field("rss_overhead_bytes", 0);
        s.field("mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", frag));
        s.field("mem_fragmentation_bytes", rss - used);
        s.field("mem_not_counted_for_evict", 0);
        s.field("mem_replication_backlog", 0);
        s.field("mem_total_replication_buffers", 0);
        s.field("mem_clients_slaves", 0);
        s.field("mem_clients_normal", 0);
        s.field("mem_cluster_links", 0);
        s.field("mem_aof_buffer", 0);
        // not "jemalloc": tests that need jemalloc's defragger check this and skip themselves
        s.field("mem_allocator", "libc");
        s.field("active_defrag_running", 0);
        s.field("lazyfree_pending_objects", 0);
        s.field("lazyfreed_objects", 0);
    }

    private void persistence(Section s) {
        s.field("loading", server.loading().active() ? 1 : 0);
        s.field("async_loading", 0);
        s.field("current_cow_peak", 0);
        s.field("current_cow_size", 0);
        s.field("current_cow_size_age", 0);
        s.field("current_fork_perc", "0.00");
        s.field("current_save_keys_processed", 0);
        s.field("current_save_keys_total", 0);
        var p = server.persistence();
        s.field("rdb_changes_since_last_save", p.dirty());
        s.field("rdb_bgsave_in_progress", p.backgroundSaveInProgress() ? 1 : 0);
        s.field("rdb_last_save_time", p.lastSaveSeconds());
        s.field("rdb_last_bgsave_status", p.lastSaveOk() ? "ok" : "err");
        s.field("rdb_last_bgsave_time_sec", p.lastBgsaveSeconds());
        s.field("rdb_current_bgsave_time_sec", p.currentBgsaveSeconds());
        s.field("rdb_saves", p.saves());
        s.field("rdb_last_cow_size", 0);
        s.field("rdb_last_load_keys_expired", p.lastLoadKeysExpired());
        s.field("rdb_last_load_keys_loaded", p.lastLoadKeysLoaded());
        var aof = server.aof();
        s.field("aof_enabled", aof.enabled() ? 1 : 0);
        s.field("aof_rewrite_in_progress", aof.rewriteInProgress() ? 1 : 0);
        s.field("aof_rewrite_scheduled", aof.rewriteScheduled() ? 1 : 0);
        s.field("aof_last_rewrite_time_sec", aof.lastRewriteSeconds());
        s.field("aof_current_rewrite_time_sec", aof.currentRewriteSeconds());
        s.field("aof_last_bgrewrite_status", aof.lastRewriteOk() ? "ok" : "err");
        s.field("aof_rewrites", aof.rewrites());
        s.field("aof_rewrites_consecutive_failures", aof.consecutiveFailures());
        s.field("aof_last_write_status", aof.lastWriteOk() ? "ok" : "err");
        s.field("aof_last_cow_size", 0);
        s.field("module_fork_in_progress", 0);
        s.field("module_fork_last_cow_size", 0);
        if (aof.enabled()) {
            s.field("aof_current_size", aof.currentSize());
            s.field("aof_base_size", aof.baseSize());
            s.field("aof_pending_rewrite", aof.rewriteScheduled() ? 1 : 0);
            s.field("aof_buffer_length", aof.bufferLength());
            s.field("aof_pending_bio_fsync", aof.fsyncPending() ? 1 : 0);
            s.field("aof_delayed_fsync", aof.delayedFsync());
        }
        if (server.loading().active()) {
            server.loading().info().forEach(s::field);
        }
    }

    private void stats(Section s) {
        ServerStats st = server.stats();
        KeyspaceStats ks = server.keyspace().stats();
        s.field("total_connections_received", st.totalConnectionsReceived);
        s.field("total_commands_processed", st.totalCommandsProcessed);
        s.field("instantaneous_ops_per_sec", 0);
        s.field("total_net_input_bytes", st.totalNetInputBytes);
        s.field("total_net_output_bytes", st.totalNetOutputBytes);
        s.field("total_net_repl_input_bytes", 0);
        s.field("total_net_repl_output_bytes", 0);
        s.field("instantaneous_input_kbps", "0.00");
        s.field("instantaneous_output_kbps", "0.00");
        s.field("instantaneous_input_repl_kbps", "0.00");
        s.field("instantaneous_output_repl_kbps", "0.00");
        s.field("rejected_connections", st.rejectedConnections);
        s.field("sync_full", 0);
        s.field("sync_partial_ok", 0);
        s.field("sync_partial_err", 0);
        s.field("expired_keys", ks.expiredKeys);
        s.field("expired_stale_perc", String.format(Locale.ROOT, "%.2f", (double) ks.expiredStalePerc));
        s.field("expired_time_cap_reached_count", 0);
        s.field("expire_cycle_cpu_milliseconds", ks.expireCycleCpuMillis);
        s.field("evicted_keys", ks.evictedKeys);
        s.field("evicted_clients", 0);
        s.field("total_eviction_exceeded_time", 0);
        s.field("current_eviction_exceeded_time", 0);
        s.field("keyspace_hits", ks.hits);
        s.field("keyspace_misses", ks.misses);
        s.field("pubsub_channels", server.pubSub().channelCount());
        s.field("pubsub_patterns", server.pubSub().patternCount());
        s.field("pubsubshard_channels", server.pubSub().shardChannelCount());
        s.field("latest_fork_usec", 0);
        s.field("total_forks", 0);
        s.field("migrate_cached_sockets", 0);
        s.field("slave_expires_tracked_keys", 0);
        s.field("active_defrag_hits", 0);
        s.field("active_defrag_misses", 0);
        s.field("active_defrag_key_hits", 0);
        s.field("active_defrag_key_misses", 0);
        s.field("total_active_defrag_time", 0);
        s.field("current_active_defrag_time", 0);
        s.field("tracking_total_keys", 0);
        s.field("tracking_total_items", 0);
        s.field("tracking_total_prefixes", 0);
        s.field("unexpected_error_replies", st.unexpectedErrorReplies);
        s.field("total_error_replies", st.totalErrorReplies);
        s.field("dump_payload_sanitizations", 0);
        s.field("total_reads_processed", st.totalReadsProcessed);
        s.field("total_writes_processed", st.totalWritesProcessed);
        s.field("io_threaded_reads_processed", 0);
        s.field("io_threaded_writes_processed", 0);
        s.field("reply_buffer_shrinks", 0);
        s.field("reply_buffer_expands", 0);
    }

    private void replication(Section s) {
        s.field("role", "master");
        s.field("connected_slaves", 0);
        s.field("master_failover_state", "no-failover");
        s.field("master_replid", server.replicationId());
        s.field("master_replid2", "0".repeat(40));
        s.field("master_repl_offset", 0);
        s.field("second_repl_offset", -1);
        s.field("repl_backlog_active", 0);
        s.field("repl_backlog_size", server.config().getLong("repl-backlog-size"));
        s.field("repl_backlog_first_byte_offset", 0);
        s.field("repl_backlog_histlen", 0);
    }

    private void cpu(Section s) {
        SystemStats.Cpu cpu = SystemStats.processCpu();
        var threads = ManagementFactory.getThreadMXBean();
        // INFO runs on the executor, the thread that plays Redis's main thread
        long mainTotal = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        long mainUser = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadUserTime() : 0;
        s.field("used_cpu_sys", seconds(cpu.systemNanos()));
        s.field("used_cpu_user", seconds(cpu.userNanos()));
        s.field("used_cpu_sys_children", seconds(cpu.childrenSystemNanos()));
        s.field("used_cpu_user_children", seconds(cpu.childrenUserNanos()));
        s.field("used_cpu_sys_main_thread", seconds(Math.max(0, mainTotal - mainUser)));
        s.field("used_cpu_user_main_thread", seconds(mainUser));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private void commandStats(Section s) {
        for (RegisteredCommand c : server.commands().all()) {
            if (c.calls == 0 && c.rejectedCalls == 0 && c.failedCalls == 0) {
                continue;
            }
            s.field("cmdstat_" + c.fullName(), "calls=" + c.calls + ",usec=" + c.microseconds
                    + ",usec_per_call=" + String.format(Locale.ROOT, "%.2f", c.calls == 0 ? 0.0 : (double) c.microseconds / c.calls)
                    + ",rejected_calls=" + c.rejectedCalls + ",failed_calls=" + c.failedCalls);
        }
    }

    private void errorStats(Section s) {
        for (Map.Entry<String, Long> e : server.stats().errorCodes.entrySet()) {
            s.field("errorstat_" + e.getKey(), "count=" + e.getValue());
        }
    }

    /**
     * Cinnabar keeps no per-command latency histogram yet: every percentile reports the mean
     * latency per call, so the fields exist with the right shape for each command that ran.
     */
    private void latencyStats(Section s) {
        if (!server.config().getBoolean("latency-tracking")) {
            return;
        }
        for (RegisteredCommand c : server.commands().all()) {
            if (c.calls == 0) {
                continue;
            }
            String mean = String.format(Locale.ROOT, "%.3f", (double) c.microseconds / c.calls);
            List<String> parts = new ArrayList<>();
            for (String p : server.config().get("latency-tracking-info-percentiles").trim().split("\\s+")) {
                if (!p.isEmpty()) {
                    parts.add("p" + percentileLabel(p) + "=" + mean);
                }
            }
            s.field("latency_percentiles_usec_" + c.fullName(), String.join(",", parts));
        }
    }

    /** {@code 50} → {@code 50}, {@code 99.9} → {@code 99.9}: Redis prints {@code %f} trimmed with {@code %g}. */
    private static String percentileLabel(String p) {
        double d = Double.parseDouble(p);
        return d == Math.rint(d) ? Long.toString((long) d) : new java.math.BigDecimal(p).stripTrailingZeros().toPlainString();
    }

    private void keyspace(Section s) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < server.keyspace().count(); i++) {
            KernelDatabase db = server.keyspace().db(i);
            long keys = db.size();
            if (keys == 0) {
                continue;
            }
            s.field("db" + i, "keys=" + keys + ",expires=" + db.expiresCount() + ",avg_ttl=" + averageTtl(db, now));
        }
    }

    /**
     * The mean remaining TTL of the volatile keys. Redis keeps a running estimate fed by its
     * expire cycle; here it is computed on demand, for databases small enough to walk.
     */
    private static long averageTtl(KernelDatabase db, long now) {
        if (db.expiresCount() == 0 || db.size() > 100_000) {
            return 0;
        }
        long[] sum = new long[2];
        db.forEachEntry(e -> {
            if (e.expireAt() >= 0 && e.expireAt() > now) {
                sum[0] += e.expireAt() - now;
                sum[1]++;
            }
        });
        return sum[1] == 0 ? 0 : sum[0] / sum[1];
    }

    /** Redis's {@code bytesToHuman}. */
    static String human(long n) {
        return Numbers.humanBytes(n);
    }
}
