package dev.cinnabar.kernel.script;

import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.kernel.exec.ServerStats;

/**
 * Passes a script command's reply to the engine's sink and counts its error replies in the error
 * statistics, as the connection's writer does for client commands.
 */
final class CountingSink implements ReplySink {

    private final ServerStats stats;
    private ReplySink target;
    private int protocol;

    CountingSink(ServerStats stats) {
        this.stats = stats;
    }

    CountingSink target(ReplySink sink, int protocol) {
        this.target = sink;
        this.protocol = protocol;
        return this;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void simple(String text) {
        target.simple(text);
    }

    @Override
    public void ok() {
        target.ok();
    }

    @Override
    public void error(String text) {
        String clean = text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0
                ? text.replace('\r', ' ').replace('\n', ' ') : text;
        stats.countError(clean);
        target.error(clean);
    }

    @Override
    public void integer(long n) {
        target.integer(n);
    }

    @Override
    public void bulk(byte[] bytes, int offset, int length) {
        target.bulk(bytes, offset, length);
    }

    @Override
    public void nullBulk() {
        target.nullBulk();
    }

    @Override
    public void nullArray() {
        target.nullArray();
    }

    @Override
    public void array(int count) {
        target.array(count);
    }

    @Override
    public void map(int count) {
        target.map(count);
    }

    @Override
    public void set(int count) {
        target.set(count);
    }

    @Override
    public void push(int count) {
        target.push(count);
    }

    @Override
    public void attribute(int count) {
        target.attribute(count);
    }

    @Override
    public void doubleValue(double value) {
        target.doubleValue(value);
    }

    @Override
    public void bool(boolean value) {
        target.bool(value);
    }

    @Override
    public void bigNumber(String digits) {
        target.bigNumber(digits);
    }

    @Override
    public void verbatim(String format, byte[] text) {
        target.verbatim(format, text);
    }
}
