/**
 * Pieces of Redis's RDB format (version 10, as Redis 7.0 writes it) that more than one plugin
 * needs: the {@link dev.cinnabar.api.rdb.Crc64} checksum of dumps and snapshots, the
 * {@link dev.cinnabar.api.rdb.Lzf} compression of long strings, and the length and string
 * encodings ({@link dev.cinnabar.api.rdb.RdbWriter}, {@link dev.cinnabar.api.rdb.RdbReader}).
 * {@code FUNCTION DUMP}/{@code RESTORE} use them today; key {@code DUMP}/{@code RESTORE} and
 * snapshots are meant to share them, so that every payload is byte-compatible with Redis's.
 */
package dev.cinnabar.api.rdb;
