/**
 * RDB persistence (Redis 7.0, RDB version 10): snapshots on disk, {@code DUMP}/{@code RESTORE}
 * payloads, start-up loading, {@code DEBUG RELOAD}, {@code SAVE}/{@code BGSAVE} and save points.
 * The format is written down in {@code /work/shared/spec/persistence.md}; decisions taken here:
 *
 * <h2>Who owns which bytes</h2>
 * <ul>
 *   <li>Each data type's plugin owns the RDB encoding of its values through
 *       {@link dev.cinnabar.api.rdb.RdbValueCodec} (API 1.3.0, registered with
 *       {@code CommandRegistrar.rdbValueCodec}): the type byte Redis writes for the value's current
 *       encoding, the value bytes, and reading back with the encoding Redis would choose on load.
 *       Strings (and HyperLogLogs, which are strings) are the kernel's own codec, in
 *       {@link dev.cinnabar.kernel.persistence.RdbCodecs}. A codec is found by the value's exact
 *       class for writing and by type byte for reading; duplicates are refused at registration.</li>
 *   <li>Shared building blocks live in the API: length/string encodings and the DUMP trailer
 *       ({@code RdbWriter}/{@code RdbReader}), Redis's LZF and CRC64, and
 *       {@link dev.cinnabar.api.rdb.Listpack} (Redis's exact listpack bytes, and a deep validator).</li>
 *   <li>Plugin state that is not keys (function libraries) is written and read by
 *       {@link dev.cinnabar.api.rdb.PersistenceContributor}s, after the AUX fields and before the
 *       first SELECTDB, as Redis places {@code FUNCTION2} records.</li>
 * </ul>
 *
 * <h2>File layout written</h2>
 * {@code REDIS0010}, AUX {@code redis-ver}, {@code redis-bits}, {@code ctime}, {@code used-mem},
 * {@code aof-base} (in Redis's order; no replication fields: there is no replication), the
 * contributors' records, then per non-empty database SELECTDB, RESIZEDB and its keys
 * ({@code EXPIRETIME_MS} first when the key has a TTL), EOF and the CRC64 (zero with
 * {@code rdbchecksum no}). Under an LRU {@code maxmemory-policy} each key has an IDLE record (seconds
 * idle when it is encoded), under an LFU one a FREQ record (the decayed counter), as Redis's
 * {@code rdbSaveKeyValuePair}; loading applies them under the policy then in force. Keys whose
 * expire time has passed are written (as Redis does) and dropped on load.
 *
 * <h2>Loading</h2>
 * {@link dev.cinnabar.kernel.persistence.RdbFile#load} reads the whole file into memory and checks
 * every length against the bytes present before allocating, so forged sizes cannot exhaust memory.
 * Anything wrong (signature, version outside 1..10, unknown opcode or type, malformed value,
 * duplicate key, checksum mismatch, truncation) is an error naming the problem: at start-up the
 * server logs {@code Fatal error loading the DB from <file>: <reason>. Exiting.} and exits with
 * status 1, as Redis refuses to start; DEBUG RELOAD answers {@code ERR Error trying to load the RDB
 * dump} and keeps what was loaded (Redis panics on a duplicate key instead). Empty collections are
 * skipped as Redis skips them; legacy ziplist/zipmap types (9, 10, 12-14), modules and streams are
 * not read (there are no stream or module types yet).
 *
 * <h2>Saving without fork (BGSAVE, save points, AOF rewrites)</h2>
 * The JVM cannot fork, so a background save is a point-in-time snapshot the keyspace keeps itself
 * ({@link dev.cinnabar.kernel.keyspace.KeyspaceSnapshot}, driven by
 * {@link dev.cinnabar.kernel.persistence.BackgroundSnapshot}):
 * <ol>
 *   <li>Starting costs O(databases): every table gets a new epoch; each entry carries the epoch
 *       of the last snapshot that has it settled, so every entry present is now pending. The
 *       file header (AUX fields, function libraries) is encoded at once.</li>
 *   <li>The executor captures in steps of about a millisecond, one per event-loop turn
 *       ({@link dev.cinnabar.kernel.persistence.CaptureSteps}): a resize-safe scan of each table
 *       (Redis's reverse-binary cursor) encodes each pending entry into the file's bytes
 *       ({@link dev.cinnabar.kernel.persistence.SnapshotStream}) and marks it settled.</li>
 *   <li>Commands go on meanwhile. Every change to an entry goes through its table, which first
 *       encodes the entry as it was if it is still pending (value replaced or looked up for
 *       writing, expiry set or removed, key deleted, expired, renamed or moved away). Keys
 *       created after the start are born settled. FLUSHDB of a database still being captured
 *       gives it a new table and lets the capture finish the old one; SWAPDB swaps tables and
 *       each capture keeps its database number. Entries of a later database encoded early wait
 *       in memory for their turn, as RDB groups keys by database.</li>
 *   <li>A writer thread appends the pieces (64 KiB each) to {@code temp-bg-<pid>.rdb}, computes
 *       the CRC64, fsyncs, and renames the file over {@code dbfilename} (the old file's unlink
 *       happens there, as in Redis's child); the bookkeeping (dirty counter minus its value at the
 *       start, LASTSAVE, status, {@code rdb_saves}) runs back on the executor. If the writer falls
 *       behind by 1 MiB, the capture waits.</li>
 * </ol>
 * Nothing of the dataset is copied or retained (no copy-on-write of values, no arrays of
 * references that the garbage collector would have to copy). The cost moves to the executor:
 * about 0.5 µs per key in 1 ms steps, plus encoding a key in front of the first change to it
 * when the scan has not reached it yet. Two things keep large values (a hash of a million fields
 * takes a few hundred milliseconds to encode) from stalling the executor:
 * <ul>
 *   <li>A value is passed on in pieces of the writer's buffer size as it is encoded
 *       ({@code RdbWriter.Drain}), never built whole in one array (which the JVM would place in
 *       the old generation, forcing full collections).</li>
 *   <li>A large value the scan reaches is <em>lent</em> to the writer thread, which encodes it
 *       at its place in the file while the executor goes on
 *       ({@link dev.cinnabar.kernel.keyspace.ValueLoans}). Only types whose codec says so
 *       ({@code RdbValueCodec.writableElsewhere}: the built-in collections from 2048 elements,
 *       whose reads change nothing the encoding reads) are lent. The executor may still read a
 *       lent value; a change in place ({@code lookupWrite}) waits until the writer is done with
 *       it, and the writer returns every loan when it stops (finished, failed or cancelled).
 *       Values of a later database than the one streaming are never lent, since the writer
 *       could not reach them before the capture does.</li>
 * </ul>
 * So the first write to a large value during a BGSAVE still waits for its encoding (where Redis's
 * fork copies only the touched pages), but the capture itself never pauses clients for it. Other
 * value types are read by the executor only, so they need not be safe for concurrent reads. With
 * 1M keys the longest client pause during BGSAVE is the young collection the save's allocation
 * may trigger (a few milliseconds; more when keys were written in bulk just before, as their
 * promotion is due then anyway).
 * SAVE, DEBUG RELOAD and AOF bases written at once use the same encoders on a plain pass over the
 * tables ({@code Keyspace.copyNow}), streaming to the file.
 *
 * A failed background save with save points configured and {@code stop-writes-on-bgsave-error
 * yes} makes the dispatcher refuse write commands and PING with Redis's MISCONF error until a save
 * succeeds (a failed SAVE, as Redis's {@code rdbSave}, does not change that status).
 * SAVE, SHUTDOWN, FLUSHALL and DEBUG RELOAD cancel a running background save (as Redis kills its
 * child): its file is then never renamed into place.
 *
 * <h2>Change counter</h2>
 * {@code rdb_changes_since_last_save} is Redis's {@code server.dirty}, counted as Redis 7.0.15
 * counts it. The databases count one change per write ({@code set}, {@code delete},
 * {@code setExpire}, {@code persist}, {@code modified}) through {@code Keyspace.ChangeCounter};
 * keys deleted because they expired count nothing, and neither does loading a file. Commands
 * whose Redis count differs state it ({@code Database.modified(key, n)},
 * {@code CommandContext.countChanges}: RPUSH of three elements counts 3, MOVE 1, a SETBIT that
 * flips no bit 0); the dispatcher and the blocked-client server bracket every command with
 * {@code beginCommand}/{@code endCommand}, so that such a statement replaces the command's own
 * writes only, not those of the commands EXEC or a script ran. FLUSHALL/FLUSHDB count the keys
 * they remove and nothing for themselves, SWAPDB one; with save points FLUSHALL saves at once and
 * leaves no unsaved change, as Redis 7.0.15 does.
 */
package dev.cinnabar.kernel.persistence;
