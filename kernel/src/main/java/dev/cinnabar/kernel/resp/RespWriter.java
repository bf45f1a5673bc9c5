package dev.cinnabar.kernel.resp;

import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.reply.ReplySink;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The network {@link ReplySink}: encodes replies straight into a Netty buffer in RESP2 or RESP3,
 * downgrading RESP3 types for RESP2 clients as Redis does. The buffer is set per batch of
 * requests by the connection ({@link #target(ByteBuf)}); the writer never allocates buffers.
 */
public final class RespWriter implements ReplySink {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Receives every error reply, for {@code errorstats} and {@code failed_calls}. */
    public interface ErrorListener {
        void onError(String text);
    }

    private ByteBuf out;
    private int protocol = 2;
    private final ErrorListener errors;

    public RespWriter(ErrorListener errors) {
        this.errors = errors;
    }

    public void target(ByteBuf buf) {
        this.out = buf;
    }

    public ByteBuf target() {
        return out;
    }

    public void protocol(int protocol) {
        this.protocol = protocol;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void simple(String text) {
        out.writeByte('+');
        writeAscii(text);
        out.writeBytes(CRLF);
    }

    @Override
    public void ok() {
        out.writeBytes(OK);
    }

    @Override
    public void error(String text) {
        errors.onError(writeError(text));
    }

    /**
     * Writes an error reply whose error statistics were already counted where it arose (an
     * error a script passes on from a command it ran).
     */
    public void errorCountedElsewhere(String text) {
        writeError(text);
    }

    /** Writes {@code -text\r\n} with CR and LF inside the text made spaces; returns the text written. */
    private String writeError(String text) {
        String clean = text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0
                ? text.replace('\r', ' ').replace('\n', ' ') : text;
        out.writeByte('-');
        out.writeCharSequence(clean, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
        return clean;
    }

    @Override
    public void integer(long n) {
        out.writeByte(':');
        writeLong(n);
        out.writeBytes(CRLF);
    }

    @Override
    public void bulk(byte[] bytes, int offset, int length) {
        out.writeByte('$');
        writeLong(length);
        out.writeBytes(CRLF);
        out.writeBytes(bytes, offset, length);
        out.writeBytes(CRLF);
    }

    @Override
    public void nullBulk() {
        out.writeBytes(protocol == 3 ? NULL3 : NULL_BULK);
    }

    @Override
    public void nullArray() {
        out.writeBytes(protocol == 3 ? NULL3 : NULL_ARRAY);
    }

    @Override
    public void array(int count) {
        header('*', count);
    }

    @Override
    public void map(int count) {
        if (protocol == 3) {
            header('%', count);
        } else {
            header('*', count * 2);
        }
    }

    @Override
    public void set(int count) {
        header(protocol == 3 ? '~' : '*', count);
    }

    @Override
    public void push(int count) {
        header(protocol == 3 ? '>' : '*', count);
    }

    @Override
    public void attribute(int count) {
        if (protocol == 3) {
            header('|', count);
        }
    }

    @Override
    public void doubleValue(double value) {
        String s = Numbers.formatDouble(value);
        if (protocol == 3) {
            out.writeByte(',');
            writeAscii(s);
            out.writeBytes(CRLF);
        } else {
            bulk(s.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void bool(boolean value) {
        if (protocol == 3) {
            out.writeByte('#');
            out.writeByte(value ? 't' : 'f');
            out.writeBytes(CRLF);
        } else {
            integer(value ? 1 : 0);
        }
    }

    @Override
    public void bigNumber(String digits) {
        if (protocol == 3) {
            out.writeByte('(');
            writeAscii(digits);
            out.writeBytes(CRLF);
        } else {
            bulk(digits.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void verbatim(String format, byte[] text) {
        if (protocol == 3) {
            out.writeByte('=');
            writeLong(text.length + 4L);
            out.writeBytes(CRLF);
            writeAscii(format);
            out.writeByte(':');
            out.writeBytes(text);
            out.writeBytes(CRLF);
        } else {
            bulk(text);
        }
    }

    /** Writes pre-encoded RESP bytes as they are. */
    public void raw(byte[] resp) {
        out.writeBytes(resp);
    }

    private void header(char type, int count) {
        out.writeByte(type);
        writeLong(count);
        out.writeBytes(CRLF);
    }

    private void writeAscii(String s) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }

    // Digits straight into the buffer: replies carry a length or integer in almost every frame,
    // and Long.toString would allocate a String and a byte[] for each.
    private void writeLong(long v) {
        if (v >= 0 && v < 10) {
            out.writeByte('0' + (int) v);
            return;
        }
        if (v == Long.MIN_VALUE) {
            writeAscii("-9223372036854775808");
            return;
        }
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        int digits = 1;
        for (long t = v / 10; t > 0; t /= 10) {
            digits++;
        }
        int idx = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(idx + i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(idx + digits);
    }
}
