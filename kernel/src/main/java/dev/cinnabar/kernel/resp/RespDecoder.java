package dev.cinnabar.kernel.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.Arrays;
import java.util.List;

/**
 * Decodes client requests (multibulk and inline, decided per request by the first byte) into
 * {@code byte[][]} argument vectors, with Redis's limits and protocol error texts
 * ({@code networking.c}: {@code processMultibulkBuffer}, {@code processInlineBuffer}).
 *
 * <p>The decoder is incremental: a multibulk request that arrives in pieces keeps its parsed
 * arguments, so a request with 100k arguments costs linear time. After a protocol error it emits a
 * {@link ProtocolError} and discards everything that follows, since the connection is closing.
 *
 * <p>It emits one request per {@code decode} call, so each request runs before the next is
 * decoded; while {@link RequestLimits#outputBacklogged()} holds it decodes nothing and keeps the
 * input buffered. Without that, one read of pipelined {@code GET}s of a large value would build
 * every reply in memory before any of it could be written.
 */
public final class RespDecoder extends ByteToMessageDecoder {

    /** Redis's PROTO_INLINE_MAX_SIZE: longest header or inline line without a line end. */
    static final int INLINE_MAX = 64 * 1024;
    private static final int UNAUTH_MAX_ARGS = 10;
    private static final int UNAUTH_MAX_BULK = 16384;

    private final RequestLimits limits;
    private boolean failed;

    // state of the multibulk request being read
    private byte[][] argv;
    private int argc;
    private int argIndex;
    private long bulkLength = -1;

    public RespDecoder(RequestLimits limits) {
        this.limits = limits;
        setCumulator(MERGE_CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (out.isEmpty()) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() > limits.queryBufferLimit()) {
                fail(in, out, ProtocolError.CLOSE_SILENTLY);
                return;
            }
            if (argv == null) {
                if (!in.isReadable() || limits.outputBacklogged() || limits.clientBlocked()) {
                    return;
                }
                boolean progressed = in.getByte(in.readerIndex()) == '*'
                        ? readMultibulkHeader(in, out) : readInline(in, out);
                if (!progressed) {
                    return;
                }
                continue;
            }
            if (!readBulks(in, out)) {
                return;
            }
        }
    }

    /**
     * Unlike the base class, never asks for another read when a read produced no request: reading
     * is switched on and off by the connection (back-pressure), and a read requested here while
     * it is off would let input pile up.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    /**
     * Redis finds line ends with C {@code strchr}, which stops at a NUL byte: a NUL before the
     * line end hides it. Returns the index of {@code target}, or -1.
     */
    private static int lineEnd(ByteBuf in, int from, byte target) {
        int i = in.forEachByte(from, in.writerIndex() - from, b -> b != target && b != 0);
        return i >= 0 && in.getByte(i) == target ? i : -1;
    }

    private boolean readMultibulkHeader(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int cr = lineEnd(in, start, (byte) '\r');
        if (cr < 0) {
            if (in.readableBytes() > INLINE_MAX) {
                fail(in, out, new ProtocolError("ERR Protocol error: too big mbulk count string"));
                return true;
            }
            return false;
        }
        if (cr + 1 >= in.writerIndex()) {
            return false; // the '\n' has not arrived yet
        }
        if (cr - start > INLINE_MAX) {
            fail(in, out, new ProtocolError("ERR Protocol error: too big mbulk count string"));
            return true;
        }
        long n = parseLong(in, start + 1, cr);
        if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE) {
            fail(in, out, new ProtocolError("ERR Protocol error: invalid multibulk length"));
            return true;
        }
        if (n > UNAUTH_MAX_ARGS && limits.unauthenticated()) {
            fail(in, out, new ProtocolError("ERR Protocol error: unauthenticated multibulk length"));
            return true;
        }
        in.readerIndex(cr + 2);
        if (n <= 0) {
            return true; // Redis ignores empty multibulks without a reply
        }
        argc = (int) n;
        // grow on demand: a client announcing 2^31 arguments must not make us allocate them
        argv = new byte[Math.min(argc, 1024)][];
        argIndex = 0;
        bulkLength = -1;
        return true;
    }

    private boolean readBulks(ByteBuf in, List<Object> out) {
        while (argIndex < argc) {
            if (bulkLength < 0) {
                int start = in.readerIndex();
                if (start >= in.writerIndex()) {
                    return false;
                }
                int cr = lineEnd(in, start, (byte) '\r');
                if (cr < 0) {
                    if (in.readableBytes() > INLINE_MAX) {
                        fail(in, out, new ProtocolError("ERR Protocol error: too big bulk count string"));
                        return true;
                    }
                    return false;
                }
                if (cr + 1 >= in.writerIndex()) {
                    return false;
                }
                if (cr - start > INLINE_MAX) {
                    fail(in, out, new ProtocolError("ERR Protocol error: too big bulk count string"));
                    return true;
                }
                byte first = in.getByte(start);
                if (first != '$') {
                    fail(in, out, new ProtocolError("ERR Protocol error: expected '$', got '" + (char) (first & 0xff) + "'"));
                    return true;
                }
                long n = parseLong(in, start + 1, cr);
                if (n < 0 || n > limits.maxBulkLength()) {
                    fail(in, out, new ProtocolError("ERR Protocol error: invalid bulk length"));
                    return true;
                }
                if (n > UNAUTH_MAX_BULK && limits.unauthenticated()) {
                    fail(in, out, new ProtocolError("ERR Protocol error: unauthenticated bulk length"));
                    return true;
                }
                in.readerIndex(cr + 2);
                bulkLength = n;
            }
            if (in.readableBytes() < bulkLength + 2) {
                return false;
            }
            byte[] arg = new byte[(int) bulkLength];
            in.readBytes(arg);
            in.skipBytes(2); // Redis does not check that these are CRLF
            if (argIndex == argv.length) {
                argv = Arrays.copyOf(argv, (int) Math.min((long) argv.length * 2, argc));
            }
            argv[argIndex++] = arg;
            bulkLength = -1;
        }
        byte[][] request = argv;
        argv = null;
        out.add(request);
        return true;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = lineEnd(in, start, (byte) '\n');
        if (lf < 0 || lf - start > INLINE_MAX) {
            if (in.readableBytes() > INLINE_MAX) {
                fail(in, out, new ProtocolError("ERR Protocol error: too big inline request"));
                return true;
            }
            return false;
        }
        int end = lf;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(lf + 1);
        byte[][] args = InlineSplitter.split(line);
        if (args == null) {
            fail(in, out, new ProtocolError("ERR Protocol error: unbalanced quotes in request"));
            return true;
        }
        if (args.length > 0) {
            out.add(args);
        }
        return true;
    }

    /** Emits the error and drops the rest of the input: nothing after a protocol error runs. */
    private void fail(ByteBuf in, List<Object> out, ProtocolError error) {
        failed = true;
        argv = null;
        in.skipBytes(in.readableBytes());
        out.add(error);
    }

    /**
     * Redis's string2ll over {@code [from, to)}, read in place (this runs for every header line);
     * {@link Long#MIN_VALUE} when not a canonical integer.
     */
    static long parseLong(ByteBuf in, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 20) {
            return Long.MIN_VALUE;
        }
        int i = from;
        boolean negative = in.getByte(i) == '-';
        if (negative) {
            if (++i == to) {
                return Long.MIN_VALUE;
            }
        }
        if (in.getByte(i) == '0') {
            return len == 1 ? 0 : Long.MIN_VALUE;
        }
        long v = 0; // accumulated negatively so that Long.MIN_VALUE fits
        for (; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
                return Long.MIN_VALUE;
            }
            v = v * 10 - d;
        }
        if (negative) {
            return v;
        }
        return v == Long.MIN_VALUE ? Long.MIN_VALUE : -v;
    }
}
