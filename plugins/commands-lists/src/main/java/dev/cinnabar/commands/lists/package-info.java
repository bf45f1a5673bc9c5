/**
 * Redis 7.0's list commands ({@code t_list.c}).
 *
 * <h2>Representation</h2>
 * {@link dev.cinnabar.commands.lists.ListValue} is a ring deque of {@code byte[]}: O(1) pushes and
 * pops at both ends and O(1) index access, one reference per element, no wrapper objects. Redis
 * reports every 7.0 list as {@code quicklist}, so {@code OBJECT ENCODING} does too whatever the
 * size. Lists that become empty are deleted, as in Redis.
 *
 * <h2>Blocking</h2>
 * {@code BLPOP}, {@code BRPOP}, {@code BLMPOP}, {@code BLMOVE} and {@code BRPOPLPUSH} try their
 * non-blocking form first and otherwise park the client with
 * {@link dev.cinnabar.api.command.CommandContext#block}; the continuation pops from the key that
 * became ready. As in Redis 7.0, a waiter ignores a key that now holds another type (it stays
 * blocked), and a {@code BLMOVE} whose destination became another type is answered
 * {@code WRONGTYPE} and moves nothing.
 */
package dev.cinnabar.commands.lists;
