/**
 * Databases, keys and expiry.
 *
 * <p>{@code KeyTable} is a chained hash table keyed by the key bytes themselves (no wrapper
 * object per lookup), power-of-two sized so {@code SCAN} can use Redis's reverse-binary cursor,
 * with a dense array of volatile entries so active expiry samples them in O(1). Expiry is lazy
 * on every lookup (against the command's frozen clock, as Redis freezes time per command and
 * script) plus {@code ActiveExpireCycle} on the server cron at {@code hz}, Redis's
 * sample-20-repeat-while-over-10% loop within a 25 % time budget.
 */
package dev.cinnabar.kernel.keyspace;
