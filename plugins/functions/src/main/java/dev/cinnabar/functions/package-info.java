/**
 * Redis Functions: {@code FUNCTION LOAD|DELETE|FLUSH|LIST|STATS|KILL|DUMP|RESTORE|HELP},
 * {@code FCALL} and {@code FCALL_RO}, as Redis 7.0.15 answers them (spec/functions.md).
 *
 * <p>The plugin owns the registry and nothing language-specific: a library's first line
 * {@code #!<engine> name=<library>} picks any loaded {@link dev.cinnabar.api.script.ScriptEngine}
 * (case-insensitively, as Redis looks up {@code LUA}); the engine runs the library's code once
 * through {@link dev.cinnabar.api.script.ScriptVm#loadLibrary} and reports each
 * {@code register_function} to the registry, which applies Redis's name, duplicate and flag
 * rules. All functions of one engine share one VM ({@code ScriptVm.Kind.FUNCTION}), never the
 * EVAL VM.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>All or nothing: a library is built completely and checked (no functions, a name taken by
 *       another library) before the live set changes; RESTORE loads the whole payload into a new
 *       set before merging. A failed LOAD REPLACE or RESTORE leaves every library as it was.</li>
 *   <li>Order: libraries and functions are kept in the order they were created. Redis lists and
 *       dumps them in hash-table order, which clients must not rely on; a payload restored into an
 *       empty registry dumps again to the same bytes.</li>
 *   <li>A library may register {@code f} and {@code F} (Redis 7.0 allows it, then crashes when
 *       the library is deleted or replaced): both are listed and counted by STATS, the first one
 *       answers FCALL, and deleting the library is safe.</li>
 *   <li>FUNCTION DUMP is byte-compatible with Redis (CRC64, LZF and RDB string encoding live in
 *       {@code dev.cinnabar.api.rdb}); {@code rdbcompression no} writes plain strings as Redis
 *       does.</li>
 *   <li>A function that runs past {@code busy-reply-threshold} is busy as in Redis (the kernel's
 *       script session serves the other clients from the engine's poll): FUNCTION STATS shows it
 *       under {@code running_script}, FUNCTION KILL ends it unless it wrote. Library code that
 *       runs that long while it loads is busy in the same way, so FUNCTION KILL also ends a
 *       RESTORE (or a load at start-up) of code that never returns, which hangs Redis.</li>
 *   <li>The 500 ms limit of FUNCTION LOAD is polled through
 *       {@link dev.cinnabar.api.script.ScriptVm.FunctionRegistrar#interruption()}; RESTORE has no
 *       limit, as in Redis.</li>
 *   <li>Snapshots: {@link dev.cinnabar.functions.FunctionsPersistence} writes one {@code FUNCTION2}
 *       record per library (before the first SELECTDB) and loads them at start-up and on DEBUG
 *       RELOAD. Not yet: AOF replay of FUNCTION commands and their replication.</li>
 * </ul>
 */
package dev.cinnabar.functions;
