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
 * {@code rdbchecksum no}). IDLE/FREQ records are not written (Redis writes them only under LRU/LFU
 * eviction policies) but are read. Keys whose expire time has passed are written (as Redis does)
 * and dropped on load.
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
 * <h2>Saving without fork (BGSAVE and save points)</h2>
 * The JVM cannot fork, so a background save is a point-in-time snapshot by copy-on-write:
 * <ol>
 *   <li>On the executor, {@link dev.cinnabar.kernel.persistence.RdbFile#capture} copies the
 *       references of every key, value and expire time into arrays (O(keys), no value is copied)
 *       and serializes the contributors' records; the settings that shape the bytes are frozen.</li>
 *   <li>The captured values are handed to the keyspace as an identity set. From then on
 *       {@code lookupWrite} (the only way commands get a value they may change) replaces a captured
 *       value in its key by {@code value.copy()} before returning it, so nothing the snapshot holds
 *       is changed. Values that are replaced, deleted, renamed or moved are never touched either.</li>
 *   <li>A single background thread encodes the snapshot and writes and fsyncs
 *       {@code temp-bg-<pid>.rdb}; the rename over {@code dbfilename} and the bookkeeping (dirty
 *       counter minus its value at the start, LASTSAVE, status, {@code rdb_saves}) run back on the
 *       executor, which then ends the copy-on-write.</li>
 * </ol>
 * A failed background save with save points configured and {@code stop-writes-on-bgsave-error
 * yes} makes the dispatcher refuse write commands and PING with Redis's MISCONF error until a save
 * succeeds (a failed SAVE, as Redis's {@code rdbSave}, does not change that status).
 * SAVE, SHUTDOWN, FLUSHALL and DEBUG RELOAD cancel a running background save (as Redis kills its
 * child): its file is then never renamed into place. Known gap: PFCOUNT refreshes the cached
 * cardinality inside a HyperLogLog it only looked up for reading (as Redis does in place); if that
 * races with a background save the file may hold either cache value.
 *
 * <h2>Change counter</h2>
 * {@code rdb_changes_since_last_save} counts one change per modified key notification (Redis
 * counts some commands per element, e.g. RPUSH of three elements is 3 there), plus the keys a
 * FLUSHALL/FLUSHDB removes and one for the command, as {@code flushAllDataAndResetRDB}; with save
 * points FLUSHALL saves at once and leaves no unsaved change, as Redis 7.0.15 does.
 */
package dev.cinnabar.kernel.persistence;
