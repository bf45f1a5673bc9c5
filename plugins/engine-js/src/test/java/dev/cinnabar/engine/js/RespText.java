package dev.cinnabar.engine.js;

import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;

/** A reply sink that writes RESP text as the network would (RESP2 or RESP3), for assertions. */
final class RespText implements ReplySink {

    private final int protocol;
    final StringBuilder out = new StringBuilder();

    RespText(int protocol) {
        this.protocol = protocol;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void simple(String text) {
        out.append('+').append(text).append("\r\n");
    }

    @Override
    public void error(String text) {
        out.append('-').append(text).append("\r\n");
    }

    @Override
    public void integer(long n) {
        out.append(':').append(n).append("\r\n");
    }

    @Override
    public void bulk(byte[] bytes, int offset, int length) {
        out.append('$').append(length).append("\r\n").append(new String(bytes, offset, length, StandardCharsets.ISO_8859_1)).append("\r\n");
    }

    @Override
    public void nullBulk() {
        out.append(protocol == 3 ? "_\r\n" : "$-1\r\n");
    }

    @Override
    public void nullArray() {
        out.append(protocol == 3 ? "_\r\n" : "*-1\r\n");
    }

    @Override
    public void array(int count) {
        out.append('*').append(count).append("\r\n");
    }

    @Override
    public void map(int count) {
        out.append(protocol == 3 ? "%" + count : "*" + count * 2).append("\r\n");
    }

    @Override
    public void set(int count) {
        out.append(protocol == 3 ? '~' : '*').append(count).append("\r\n");
    }

    @Override
    public void push(int count) {
        out.append('>').append(count).append("\r\n");
    }

    @Override
    public void attribute(int count) {
        out.append('|').append(count).append("\r\n");
    }

    @Override
    public void doubleValue(double value) {
        String t = value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
        if (protocol == 3) {
            out.append(',').append(t).append("\r\n");
        } else {
            out.append('$').append(t.length()).append("\r\n").append(t).append("\r\n");
        }
    }

    @Override
    public void bool(boolean value) {
        out.append(protocol == 3 ? (value ? "#t" : "#f") : (value ? ":1" : ":0")).append("\r\n");
    }

    @Override
    public void bigNumber(String digits) {
        out.append('(').append(digits).append("\r\n");
    }

    @Override
    public void verbatim(String format, byte[] text) {
        out.append('=').append(text.length + 4).append("\r\n").append(format).append(':')
                .append(new String(text, StandardCharsets.ISO_8859_1)).append("\r\n");
    }
}
