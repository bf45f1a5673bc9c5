/**
 * The append-only file in Redis 7.0's multi-part layout, interchangeable with Redis 7.0.15 (format
 * notes in {@code /work/shared/spec/persistence.md} §7). Decisions taken here:
 *
 * <h2>What is written (propagation)</h2>
 * {@link dev.cinnabar.kernel.aof.Propagator} plays Redis's {@code call()}/{@code alsoPropagate}:
 * the dispatcher tells it when each command (nested ones too) starts and ends. A command is
 * written when it changed the dataset — measured by the keyspace's modification notifications,
 * not by the {@code Persistence} dirty counter, which SAVE resets — or
 * when it is one Redis always propagates (FLUSHALL, FLUSHDB, SWAPDB, FUNCTION LOAD/DELETE/FLUSH/
 * RESTORE). Its form is, in order: what it stated through {@code CommandContext.propagate} (SPOP
 * as SREM/DEL, HINCRBYFLOAT as HSET, in their plugins); else the kernel's rewrite of commands
 * whose result can be read back from the dataset afterwards (relative expires to
 * {@code PEXPIREAT}/{@code SET ... PXAT}/{@code RESTORE ... ABSTTL}, GETEX, GETDEL, GETSET,
 * INCRBYFLOAT, blocking and multi-key pops to their non-blocking forms, the popped key being the
 * first one the command modified); else the arguments as sent. EXEC, EVAL, EVALSHA and FCALL
 * write nothing themselves: the commands they ran are collected for the whole execution unit and
 * written at its end, in {@code MULTI}/{@code EXEC} when there are more than one (a transaction
 * or script with a single write is written bare, as Redis 7.0 does). A key a command finds
 * expired is written as {@code DEL} (or {@code UNLINK} under {@code lazyfree-lazy-expire}) in
 * that command's unit; the active expiry cycle's deletions are written alone. Scripts that turned
 * off {@code redis.REPL_AOF} with {@code redis.set_repl} write nothing. A blocked client served
 * later is a unit of its own. {@code SELECT} precedes a command whose database differs from the
 * last one written, and starts every new incr file.
 *
 * <h2>Files and durability</h2>
 * {@link dev.cinnabar.kernel.aof.AppendOnlyFile} buffers the propagated commands and writes them
 * to the current incr file before any reply of the same event-loop pass leaves (the connection's
 * flush calls it, as Redis's {@code beforeSleep}), so a reply never acknowledges a write that is
 * not in the file; with {@code appendfsync always} it is also fsynced first. {@code everysec}
 * hands one fsync a second to the {@code cinnabar-aof-fsync} thread (a second one while the
 * first still runs counts in {@code aof_delayed_fsync}); {@code no} leaves it to the kernel. The
 * manifest ({@link dev.cinnabar.kernel.aof.AofManifest}) is always written to a temp file,
 * fsynced and renamed.
 *
 * <h2>Rewrites without fork</h2>
 * BGREWRITEAOF (and the automatic one from the cron, and the one {@code CONFIG SET appendonly
 * yes} starts) first opens a new incr file and persists the manifest, then takes a point-in-time
 * snapshot of the dataset at that instant as BGSAVE does ({@code BackgroundSnapshot}: encoded on
 * the executor in 1 ms steps, see the persistence package), and writes the new base on the
 * {@code cinnabar-aof-rewrite} thread to {@code temp-rewriteaof-bg-<pid>.aof} in
 * {@code dir}: an RDB file with {@code aof-base} 1, or with {@code aof-use-rdb-preamble no}
 * commands ({@link dev.cinnabar.kernel.aof.BaseCommands}: FUNCTION LOAD, then SET for strings and
 * {@code RESTORE key 0 <payload>} for other types where Redis writes RPUSH/SADD/ZADD/HMSET;
 * both load the same dataset into either server). Back on the executor the base is renamed into
 * the directory, the old base and incr files become history in the manifest, which is persisted,
 * and the history files are deleted on the rewrite thread. Only one snapshot exists at a time, so a
 * rewrite and a BGSAVE never overlap: each waits for the other (scheduled) as Redis's children do.
 *
 * <h2>Loading</h2>
 * {@link dev.cinnabar.kernel.aof.AofLoader}: with {@code appendonly yes} the manifest's base (RDB
 * when it starts with {@code REDIS}, keeping keys already expired as Redis does for an AOF base)
 * and incr files are replayed through the dispatcher by a client without replies that never
 * blocks; MULTI ... EXEC is applied at EXEC. A truncated last command (or transaction) in the last
 * file is cut off with Redis's log lines when {@code aof-load-truncated yes}; otherwise, and for
 * bad formats, unknown commands and bad manifests, the server refuses to start with Redis's
 * message. Without a manifest an empty base and incr 1 are created. A file that starts with an
 * RDB part goes on with commands after its checksum (a pre-7.0 AOF written with the preamble);
 * such a pre-7.0 single {@code appendonly.aof} in {@code dir} is first moved into the directory as
 * base 1 of a new manifest (also when a manifest naming it was written but the move did not
 * happen), as Redis's {@code aofUpgradePrepare}. Not done: commands replayed at start-up count in
 * {@code INFO commandstats} (Redis's loader bypasses {@code call()}).
 */
package dev.cinnabar.kernel.aof;
