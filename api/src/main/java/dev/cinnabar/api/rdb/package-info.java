/**
 * Pieces of Redis's RDB format (version 10, as Redis 7.0 writes it) that more than one plugin
 * needs: the {@link dev.cinnabar.api.rdb.Crc64} checksum of dumps and snapshots, the
 * {@link dev.cinnabar.api.rdb.Lzf} compression of long strings, and the length and string
 * encodings ({@link dev.cinnabar.api.rdb.RdbWriter}, {@link dev.cinnabar.api.rdb.RdbReader}) and
 * Redis's listpack blob ({@link dev.cinnabar.api.rdb.Listpack}). Each data-type plugin owns the
 * encoding of its values through an {@link dev.cinnabar.api.rdb.RdbValueCodec} (since 1.3.0); the
 * kernel uses the codecs for snapshots and key {@code DUMP}/{@code RESTORE}, and
 * {@link dev.cinnabar.api.rdb.PersistenceContributor}s for other state (function libraries), so
 * that every payload and file is byte-compatible with Redis's.
 */
package dev.cinnabar.api.rdb;
