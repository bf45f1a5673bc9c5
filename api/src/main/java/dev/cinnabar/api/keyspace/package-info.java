/**
 * The keyspace as commands see it: numbered {@link dev.cinnabar.api.keyspace.Database}s of
 * binary keys mapped to {@link dev.cinnabar.api.keyspace.RedisValue}s with optional millisecond
 * expiry. Only the executor thread touches it; plugins never keep references to values beyond
 * the command that looked them up.
 *
 * <p>A plugin reads another plugin's values only through interfaces defined here, never through
 * its classes: {@link dev.cinnabar.api.keyspace.MemberCollection} is how the sorted-set commands
 * read plain sets.
 */
package dev.cinnabar.api.keyspace;
