/**
 * The keyspace as commands see it: numbered {@link dev.cinnabar.api.keyspace.Database}s of
 * binary keys mapped to {@link dev.cinnabar.api.keyspace.RedisValue}s with optional millisecond
 * expiry. Only the executor thread touches it; plugins never keep references to values beyond
 * the command that looked them up.
 */
package dev.cinnabar.api.keyspace;
