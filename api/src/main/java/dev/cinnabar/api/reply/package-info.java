/**
 * Streamed replies: commands write their answer to a {@link dev.cinnabar.api.reply.ReplySink}
 * piece by piece; nothing builds an intermediate reply tree.
 */
package dev.cinnabar.api.reply;
