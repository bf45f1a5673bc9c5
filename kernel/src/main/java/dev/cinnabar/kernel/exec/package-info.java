/**
 * The executor: how a request becomes a command call.
 *
 * <h2>Decision: commands run inline on the single Netty event loop</h2>
 * Three designs were on the table (architecture map §2): (a) a dedicated executor thread fed by
 * the I/O loops; (b) I/O threads executing under a global lock; (c) plain commands inline on one
 * event loop, only script calls handed to a script thread. Measured on this machine kind (2
 * vCPU; {@code shared/measurements/executor-ceiling.md}): one event loop executing inline reached
 * parity with Redis (pooled medians 1.00/0.96 at P1, 1.11/1.02 at P16 for SET/GET); handing every
 * batch to a data thread cost 15–25 % (0.83/0.77 at P1, 0.77/0.73 at P16), all of it the thread
 * hand-off (~1.5 context switches and ~6 µs of extra CPU per request at P1). Design (b) pays a
 * lock per command and still needs the hand-off for fairness. So Cinnabar uses (c): one event
 * loop owns every socket and the keyspace, which also makes atomicity trivial (nothing else ever
 * touches data) and keeps per-client order exact. Scripts run inline too, with no hop: past
 * {@code busy-reply-threshold} the script's own poll serves the other clients, as Redis's
 * {@code processEventsWhileBlocked} does ({@link dev.cinnabar.kernel.net.BusyIo} pumps the epoll
 * ready list on this thread; {@link dev.cinnabar.kernel.exec.Dispatcher#serveWhileBusy} puts the
 * script's call state aside), and commands without {@code allow_busy} are answered {@code BUSY}.
 * Our own figures against Redis are printed by {@code bench/compare.sh}.
 *
 * <h2>Order of checks</h2>
 * {@link dev.cinnabar.kernel.exec.Dispatcher} applies Redis's {@code processCommand} order:
 * unknown command, arity, protected command ({@code enable-debug-command}), authentication, then
 * the call. Rejections count as {@code rejected_calls}, errors during the call as
 * {@code failed_calls}, as in {@code INFO commandstats}.
 *
 * <h2>Blocking commands</h2>
 * A blocking command parks its client with {@code CommandContext.block} and writes no reply;
 * {@link dev.cinnabar.kernel.exec.BlockedClients} keeps the FIFO queue per (database, key), learns
 * about writes through the keyspace's modification hook, and after each top-level command
 * ({@link dev.cinnabar.kernel.exec.Dispatcher#dispatch}) offers each written key to its waiters in
 * order, as Redis's {@code handleClientsBlockedOnKeys} does after {@code call()}. A parked client's
 * further requests stay in the decoder ({@code RequestLimits.clientBlocked}) and run once it is
 * served, timed out (a task on this event loop), or released by {@code CLIENT UNBLOCK}. EXEC and
 * scripts set {@code ClientContext.denyBlocking} around their commands, so that blocking commands
 * answer at once, as under Redis's {@code CLIENT_DENY_BLOCKING}.
 *
 * <h2>Transactions</h2>
 * Inside MULTI the dispatcher queues every command that passed the checks above (and the
 * {@code no_multi} check) into the client's {@link dev.cinnabar.kernel.exec.MultiState}; a
 * refusal at any check dooms the transaction (EXECABORT). EXEC runs the queue through
 * {@link dev.cinnabar.kernel.exec.Dispatcher#call} in one go, so it is atomic on this loop; nested
 * calls keep EXEC's frozen clock and leave {@code cmd=exec}, and EXEC's own {@code failed_calls}
 * counts only its own errors (Redis's static {@code prev_err_count}).
 * {@link dev.cinnabar.kernel.exec.WatchedKeys} listens to the keyspace next to
 * {@link dev.cinnabar.kernel.exec.BlockedClients} and marks watchers dirty as Redis's
 * {@code touchWatchedKey}/{@code touchAllWatchedKeysInDb} do, expired-at-WATCH keys included.
 */
package dev.cinnabar.kernel.exec;
