package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad and unusual input, byte for byte against Redis (spec server.md §1.2): every protocol error
 * text and the close after it, ignored requests, inline quoting, mixed pipelines, binary data,
 * huge requests and clients that vanish mid-request.
 */
class ProtocolDifferentialTest extends DifferentialTest {

    /** Sends raw bytes on fresh connections, compares the replies and that both servers close. */
    private void sameThenClose(String request, int replies) {
        sameThenClose(bytes(request), replies);
    }

    private void sameThenClose(byte[] request, int replies) {
        try (RawConnection rr = redisServer().connect(); RawConnection cc = cinnabarServer().connect()) {
            rr.write(request);
            cc.write(request);
            for (int i = 0; i < replies; i++) {
                assertEquals(Replies.show(rr.readReply()), Replies.show(cc.readReply()), "reply " + i);
            }
            assertTrue(rr.closedByServer(2000), "redis closes");
            assertTrue(cc.closedByServer(2000), "cinnabar closes");
        }
    }

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void invalidMultibulkLength() {
        sameThenClose("*abc\r\n", 1);
        sameThenClose("*3000000000\r\n", 1);
        sameThenClose("*+1\r\n", 1);
        sameThenClose("*01\r\n", 1);
        sameThenClose("PING\r\n*x\r\nPING\r\n", 2);
    }

    @Test
    void expectedDollar() {
        sameThenClose("*1\r\nPING\r\n", 1);
        sameThenClose("*2\r\n$4\r\nECHO\r\n:1\r\n", 1);
        sameThenClose(concat(bytes("*1\r\n"), new byte[] {(byte) 0xe9}, bytes("\r\n")), 1);
    }

    @Test
    void invalidBulkLength() {
        sameThenClose("*1\r\n$-1\r\n", 1);
        sameThenClose("*1\r\n$ 4\r\n", 1);
        sameThenClose("*1\r\n$abc\r\n", 1);
        sameThenClose("*1\r\n$536870913\r\n", 1);
    }

    @Test
    void tooBigCountStringsAndInlineRequest() {
        sameThenClose(concat(bytes("*"), repeat('1', 70_000)), 1);
        sameThenClose(concat(bytes("*1\r\n$"), repeat('1', 70_000)), 1);
        sameThenClose(repeat('a', 70_000), 1);
    }

    @Test
    void unbalancedQuotes() {
        sameThenClose("ECHO \"abc\r\n", 1);
        sameThenClose("ECHO \"abc\"def\r\n", 1);
        sameThenClose("ECHO 'abc\r\n", 1);
        sameThenClose("PING\r\nECHO 'a'b\r\nPING\r\n", 2);
    }

    @Test
    void emptyAndNegativeMultibulksAreIgnored() {
        sameRaw(bytes("*0\r\n*-1\r\n*-5\r\nPING\r\n"), 1);
        sameRaw(bytes("\r\n  \r\n\n\tPING\r\n"), 1);
        same("PING");
    }

    @Test
    void inlineQuotesAndEscapes() {
        sameRaw(bytes("ECHO \"a\\x41\\n\\t\\r\\a\\b\\\"\\q\\xZZ\"\r\n"), 1);
        sameRaw(bytes("ECHO 'it''s'\r\n"), 1); // closing quote not followed by a space
        assertTrue(c.closedByServer(1000));
        assertTrue(r.closedByServer(1000));
    }

    @Test
    void inlineQuotesAndEscapesThatSucceed() {
        sameRaw(bytes("ECHO 'a\\'b c'\r\nECHO d\"e f\"\r\nECHO \"\\xff\\x00z\"\nECHO   \t x  \r\n"), 4);
        sameRaw(bytes("SET \"k\\x00\\xff\" \"v\\x01\"\r\nGET \"k\\x00\\xff\"\r\n"), 2);
    }

    @Test
    void pipelineMixingInlineAndMultibulk() {
        sameRaw(bytes("PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nECHO x\r\n*1\r\n$4\r\nPING\r\nECHO \"y z\"\n"), 5);
    }

    @Test
    void trailingBytesAfterBulkAreNotChecked() {
        sameRaw(bytes("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n"), 2);
    }

    @Test
    void crossProtocolGuardClosesSilently() {
        sameThenClose("POST / HTTP/1.1\r\nHost: example\r\n\r\n", 0);
        sameThenClose("Host: example\r\n", 0);
        sameThenClose("post /x\r\n", 0);
        sameThenClose("PING\r\nPOST /\r\nPING\r\n", 0); // Redis drops the PONG already built
    }

    @Test
    void nonUtf8KeysAndValues() {
        byte[] key = {(byte) 0xff, 0, (byte) 0xc3, 0x28, '\r', '\n'};
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        same(bytes("SET"), key, value);
        same(bytes("GET"), key);
        same(bytes("ECHO"), value);
        same(bytes("DEL"), key);
        same(bytes("GET"), key);
    }

    @Test
    void delWithOneHundredThousandKeys() {
        for (int i = 0; i < 100; i += 7) {
            same("SET key:" + i + " v");
        }
        List<byte[]> args = new ArrayList<>();
        args.add(bytes("DEL"));
        for (int i = 0; i < 100_000; i++) {
            args.add(bytes("key:" + i));
        }
        same(args.toArray(new byte[0][]));
        same("GET key:7");
    }

    @Test
    void clientsVanishingMidRequestDoNotHurtOthers() {
        String[] partial = {"*3\r\n$3\r\nSET\r\n$1\r\nk", "*2\r\n$4\r\nECHO\r\n$100000\r\nabc", "ECHO \"unterminated", "*5\r\n"};
        for (String p : partial) {
            RawConnection gone = cinnabarServer().connect();
            gone.write(p);
            gone.close();
        }
        // a client that sends a big request and leaves while its reply is being written
        RawConnection gone = cinnabarServer().connect();
        gone.write(RawConnection.encode(bytes("ECHO"), repeat('v', 4 << 20)));
        gone.close();
        same("PING");
        same("ECHO still-here");
    }
}
