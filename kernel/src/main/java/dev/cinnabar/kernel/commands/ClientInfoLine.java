package dev.cinnabar.kernel.commands;

import dev.cinnabar.kernel.net.Client;

/**
 * One CLIENT LIST / CLIENT INFO line, in Redis 7.0's field order ({@code catClientInfoString}).
 * Memory fields are modelled on Redis's own figures so tools that parse them see plausible
 * values: the query buffer and argv count only for the client whose command is running (others
 * have consumed their input), {@code omem} is the output still queued in the channel.
 */
final class ClientInfoLine {

    /** Redis's initial query buffer allocation: {@code qbuf + qbuf-free} of a fresh client. */
    private static final long QUERY_BUFFER_ALLOC = 20474;
    /** Redis's reply buffer size of a fresh client ({@code rbs}). */
    private static final long REPLY_BUFFER = 16384;
    /** The rest of a client's footprint in Redis 7.0 ({@code tot-mem} minus the parts above). */
    private static final long CLIENT_STRUCT = 21248;

    private ClientInfoLine() {
    }

    /**
     * Appends {@code c}'s line (without the trailing newline). {@code running} is the argv of the
     * command now executing when {@code c} is the caller, else null.
     */
    static void append(StringBuilder sb, Client c, byte[][] running, long nowMillis) {
        long qbuf = running == null ? 0 : c.queryBufferBytes();
        long qbufFree = qbuf <= QUERY_BUFFER_ALLOC ? QUERY_BUFFER_ALLOC - qbuf : Long.highestOneBit(qbuf) * 2 - qbuf;
        long argvMem = 0;
        if (running != null) {
            for (byte[] a : running) {
                argvMem += a.length;
            }
        }
        long omem = c.pendingOutputBytes();
        long totMem = CLIENT_STRUCT + REPLY_BUFFER + argvMem + (running == null ? 0 : 8L * running.length) + omem;
        int fd = c.fd();
        sb.append("id=").append(c.id())
                .append(" addr=").append(c.address())
                .append(" laddr=").append(c.localAddress())
                .append(" fd=").append(fd < 0 ? 7 + c.id() : fd)
                .append(" name=").append(c.name())
                .append(" age=").append(Math.max(0, (nowMillis - c.createdMillis()) / 1000))
                .append(" idle=").append(Math.max(0, (nowMillis - c.lastInteractionMillis()) / 1000))
                .append(" flags=").append(flags(c))
                .append(" db=").append(c.database())
                .append(" sub=").append(c.subscribed() ? c.subscriptions().channelCount() : 0)
                .append(" psub=").append(c.subscribed() ? c.subscriptions().patternCount() : 0)
                .append(" ssub=").append(c.subscribed() ? c.subscriptions().shardChannelCount() : 0)
                .append(" multi=").append(c.transaction().active() ? c.transaction().count() : -1)
                .append(" qbuf=").append(qbuf)
                .append(" qbuf-free=").append(qbufFree)
                .append(" argv-mem=").append(argvMem)
                .append(" multi-mem=").append(c.transaction().memory())
                .append(" rbs=").append(REPLY_BUFFER)
                .append(" rbp=").append(REPLY_BUFFER)
                .append(" obl=0")
                .append(" oll=").append(omem > 0 ? 1 : 0)
                .append(" omem=").append(omem)
                .append(" tot-mem=").append(totMem)
                .append(" events=").append(omem > 0 ? "rw" : "r")
                .append(" cmd=").append(c.lastCommand() == null ? "NULL" : c.lastCommand().fullName())
                .append(" user=").append(c.user())
                .append(" redir=-1")
                .append(" resp=").append(c.protocol());
    }

    /** The flag letters, in Redis's order; {@code N} when none applies. */
    static String flags(Client c) {
        StringBuilder f = new StringBuilder();
        if (c.monitor()) {
            f.append('O');
        }
        if (c.subscribed()) {
            f.append('P');
        }
        if (c.transaction().active()) {
            f.append('x');
        }
        if (c.blocked()) {
            f.append('b');
        }
        if (c.transaction().dirty()) {
            f.append('d');
        }
        if (c.closeAfterReply()) {
            f.append('c');
        }
        if (c.noEvict()) {
            f.append('e');
        }
        return f.length() == 0 ? "N" : f.toString();
    }
}
