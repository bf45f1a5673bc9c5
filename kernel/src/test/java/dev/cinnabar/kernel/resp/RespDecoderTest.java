package dev.cinnabar.kernel.resp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request decoder driven through Netty's {@link EmbeddedChannel}, with Redis's texts and limits. */
class RespDecoderTest {

    /** Adjustable limits for one test. */
    static final class Limits implements RequestLimits {
        long maxBulk = 512L * 1024 * 1024;
        long queryLimit = 1L << 30;
        boolean unauthenticated;
        boolean backlogged;

        @Override
        public long maxBulkLength() {
            return maxBulk;
        }

        @Override
        public long queryBufferLimit() {
            return queryLimit;
        }

        @Override
        public boolean unauthenticated() {
            return unauthenticated;
        }

        @Override
        public boolean outputBacklogged() {
            return backlogged;
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Object> decodeAll(Limits limits, byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(limits));
        for (byte[] chunk : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    private static List<Object> decode(String input) {
        return decodeAll(new Limits(), b(input));
    }

    private static String show(List<Object> msgs) {
        StringBuilder sb = new StringBuilder();
        for (Object m : msgs) {
            if (m instanceof byte[][] argv) {
                sb.append('[');
                for (int i = 0; i < argv.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(new String(argv[i], StandardCharsets.ISO_8859_1));
                }
                sb.append(']');
            } else if (m instanceof ProtocolError e) {
                sb.append("ERROR(").append(e.errorText()).append(')');
            }
        }
        return sb.toString();
    }

    @Test
    void multibulkAndInlineAlternateOnOneConnection() {
        assertEquals("[SET,k,v][PING][GET,k][ECHO,a b]",
                show(decode("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nECHO \"a b\"\n")));
    }

    @Test
    void everySplitPointGivesTheSameRequests() {
        byte[] input = b("*3\r\n$3\r\nSET\r\n$3\r\nk\0y\r\n$5\r\nv\r\n\n\u00ff\r\nPING\r\n  \r\n*0\r\n*-1\r\nECHO 'x y' \"\\x41\\n\"\r\n"
                + "*1\r\n$4\r\nPINGxx*2\r\n$4\r\nECHO\r\n$0\r\n\r\n");
        String expected = show(decodeAll(new Limits(), input));
        assertEquals("[SET,k\0y,v\r\n\n\u00ff][PING][ECHO,x y,A\n][PING][ECHO,]", expected);
        for (int cut = 1; cut < input.length; cut++) {
            String got = show(decodeAll(new Limits(), Arrays.copyOfRange(input, 0, cut),
                    Arrays.copyOfRange(input, cut, input.length)));
            assertEquals(expected, got, "split at " + cut);
        }
        // and one byte at a time
        byte[][] single = new byte[input.length][];
        for (int i = 0; i < input.length; i++) {
            single[i] = new byte[] {input[i]};
        }
        assertEquals(expected, show(decodeAll(new Limits(), single)));
    }

    @Test
    void requestWithOneHundredThousandArguments() {
        int n = 100_000;
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(b("*" + (n + 1) + "\r\n$3\r\nDEL\r\n"));
        for (int i = 0; i < n; i++) {
            String k = "key:" + i;
            req.writeBytes(b("$" + k.length() + "\r\n" + k + "\r\n"));
        }
        byte[] all = req.toByteArray();
        // in 1 KB pieces, as a socket would deliver it
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < all.length; i += 1024) {
            chunks.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + 1024)));
        }
        long t0 = System.nanoTime();
        List<Object> out = decodeAll(new Limits(), chunks.toArray(new byte[0][]));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, out.size());
        byte[][] argv = (byte[][]) out.get(0);
        assertEquals(n + 1, argv.length);
        assertArrayEquals(b("key:99999"), argv[n]);
        assertTrue(millis < 5000, "decoding took " + millis + " ms: not linear");
    }

    @Test
    void protocolErrorTextsMatchRedis() {
        assertEquals("ERROR(ERR Protocol error: invalid multibulk length)", show(decode("*abc\r\n")));
        assertEquals("ERROR(ERR Protocol error: invalid multibulk length)", show(decode("*+1\r\n")));
        assertEquals("ERROR(ERR Protocol error: invalid multibulk length)", show(decode("*01\r\n")));
        assertEquals("ERROR(ERR Protocol error: invalid multibulk length)", show(decode("*2147483648\r\n")));
        assertEquals("ERROR(ERR Protocol error: expected '$', got 'x')", show(decode("*1\r\nxyz\r\n")));
        assertEquals("ERROR(ERR Protocol error: expected '$', got '\u00e9')", show(decode("*1\r\n\u00e9\r\n")));
        assertEquals("ERROR(ERR Protocol error: invalid bulk length)", show(decode("*1\r\n$-1\r\n")));
        assertEquals("ERROR(ERR Protocol error: invalid bulk length)", show(decode("*1\r\n$ 4\r\n")));
        assertEquals("ERROR(ERR Protocol error: invalid bulk length)", show(decode("*1\r\n$abc\r\n")));
        assertEquals("ERROR(ERR Protocol error: unbalanced quotes in request)", show(decode("SET \"k\n")));
        assertEquals("ERROR(ERR Protocol error: unbalanced quotes in request)", show(decode("SET \"k\"x v\n")));
        assertEquals("ERROR(ERR Protocol error: unbalanced quotes in request)", show(decode("SET 'k\n")));
    }

    @Test
    void nothingAfterAProtocolErrorIsDecoded() {
        assertEquals("[PING]ERROR(ERR Protocol error: invalid bulk length)",
                show(decode("PING\r\n*1\r\n$x\r\nPING\r\n*1\r\n$4\r\nPING\r\n")));
    }

    @Test
    void emptyAndNegativeMultibulksAreIgnored() {
        assertEquals("[PING]", show(decode("*0\r\n*-1\r\n*-5\r\nPING\r\n")));
        assertEquals("", show(decode("\r\n   \n\t\r\n")));
    }

    @Test
    void inlineQuotingLikeSdssplitargs() {
        assertEquals("[SET,de f,\u00ff\u0001,a'b]", show(decode("SET d\"e f\" \"\\xff\\x01\" 'a\\'b'\r\n")));
        assertEquals("[ECHO,\t\r\u0007\bqxZZ]", show(decode("ECHO \"\\t\\r\\a\\b\\q\\xZZ\"\n")));
    }

    @Test
    void bulkLengthOverProtoMaxBulkLen() {
        Limits l = new Limits();
        l.maxBulk = 1024 * 1024;
        assertEquals("ERROR(ERR Protocol error: invalid bulk length)",
                show(decodeAll(l, b("*1\r\n$1048577\r\n"))));
        byte[] value = new byte[1024 * 1024];
        List<Object> ok = decodeAll(l, b("*2\r\n$4\r\nECHO\r\n$1048576\r\n"), value, b("\r\n"));
        assertEquals(1, ok.size());
        assertEquals(1024 * 1024, ((byte[][]) ok.get(0))[1].length);
    }

    @Test
    void tooBigHeadersAndInlineRequests() {
        byte[] digits = new byte[70_000];
        Arrays.fill(digits, (byte) '1');
        assertEquals("ERROR(ERR Protocol error: too big mbulk count string)",
                show(decodeAll(new Limits(), b("*"), digits)));
        assertEquals("ERROR(ERR Protocol error: too big bulk count string)",
                show(decodeAll(new Limits(), b("*1\r\n$"), digits)));
        byte[] letters = new byte[70_000];
        Arrays.fill(letters, (byte) 'a');
        assertEquals("ERROR(ERR Protocol error: too big inline request)", show(decodeAll(new Limits(), letters)));
        // exactly 64 KB without a line end is still waiting, as in Redis
        assertEquals("", show(decodeAll(new Limits(), Arrays.copyOf(letters, 65536))));
    }

    @Test
    void nulHidesTheLineEndAsCStrchrDoes() {
        assertEquals("", show(decode("PI\0NG\r\n")));
        assertEquals("", show(decode("*1\0\r\n$4\r\nPING\r\n")));
    }

    @Test
    void unauthenticatedLimits() {
        Limits l = new Limits();
        l.unauthenticated = true;
        assertEquals("ERROR(ERR Protocol error: unauthenticated multibulk length)", show(decodeAll(l, b("*11\r\n"))));
        assertEquals("ERROR(ERR Protocol error: unauthenticated bulk length)", show(decodeAll(l, b("*1\r\n$16385\r\n"))));
        // at the limits: still waiting for the payload, no error
        assertEquals("", show(decodeAll(l, b("*10\r\n$16384\r\n"))));
    }

    @Test
    void queryBufferLimitClosesWithoutReply() {
        Limits l = new Limits();
        l.queryLimit = 1000;
        List<Object> out = decodeAll(l, b("*1\r\n$2000\r\n"), new byte[1200]);
        assertEquals(1, out.size());
        assertNull(((ProtocolError) out.get(0)).errorText());
    }

    @Test
    void backloggedOutputHoldsRequestsUntilResumed() {
        Limits l = new Limits();
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(l));
        l.backlogged = true;
        ch.writeInbound(Unpooled.wrappedBuffer(b("PING\r\n*1\r\n$4\r\nPING\r\n")));
        assertNull(ch.readInbound());
        l.backlogged = false;
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        assertEquals(2, ch.inboundMessages().size());
        ch.finishAndReleaseAll();
    }

    @Test
    void eachRequestIsDecodedAfterThePreviousRan() {
        // the decoder must hand requests over one at a time so back-pressure can stop between them
        Limits l = new Limits();
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(l), new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                seen.add(new String(((byte[][]) msg)[0], StandardCharsets.US_ASCII));
                l.backlogged = true; // as if this request's reply filled the output
            }
        });
        ch.writeInbound(Unpooled.wrappedBuffer(b("A\r\nB\r\nC\r\n")));
        assertEquals(List.of("A"), seen);
        l.backlogged = false;
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        assertEquals(List.of("A", "B"), seen);
        l.backlogged = false;
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        assertEquals(List.of("A", "B", "C"), seen);
        ch.finishAndReleaseAll();
    }
}
