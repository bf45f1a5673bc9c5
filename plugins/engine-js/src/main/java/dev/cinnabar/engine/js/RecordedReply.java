package dev.cinnabar.engine.js;

import dev.cinnabar.api.reply.ReplySink;

import java.util.ArrayList;
import java.util.List;

/**
 * A reply held back until it is complete. Converting an object can run JavaScript (getters) and so
 * be killed half-way: the caller's sink must then see only the error, never a partial reply.
 */
final class RecordedReply implements ReplySink {

    private final int protocol;
    private final List<Object> ops = new ArrayList<>();

    private record Simple(String text) { }
    private record Error(String text) { }
    private record Aggregate(char kind, int count) { }
    private record Dbl(double value) { }
    private record BigNumber(String digits) { }
    private record Verbatim(String format, byte[] text) { }
    private enum Null { BULK }

    RecordedReply(int protocol) {
        this.protocol = protocol;
    }

    /** Writes what was recorded to {@code out}. */
    void replay(ReplySink out) {
        for (Object op : ops) {
            if (op instanceof byte[] b) {
                out.bulk(b, 0, b.length);
            } else if (op instanceof Long n) {
                out.integer(n);
            } else if (op instanceof Aggregate a) {
                switch (a.kind) {
                    case '*' -> out.array(a.count);
                    case '%' -> out.map(a.count);
                    default -> out.set(a.count);
                }
            } else if (op == Null.BULK) {
                out.nullBulk();
            } else if (op instanceof Boolean b) {
                out.bool(b);
            } else if (op instanceof Simple s) {
                out.simple(s.text);
            } else if (op instanceof Error e) {
                out.error(e.text);
            } else if (op instanceof Dbl d) {
                out.doubleValue(d.value);
            } else if (op instanceof BigNumber n) {
                out.bigNumber(n.digits);
            } else if (op instanceof Verbatim v) {
                out.verbatim(v.format, v.text);
            }
        }
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void simple(String text) {
        ops.add(new Simple(text));
    }

    @Override
    public void error(String text) {
        ops.add(new Error(text));
    }

    @Override
    public void integer(long n) {
        ops.add(n);
    }

    @Override
    public void bulk(byte[] bytes, int offset, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        ops.add(copy);
    }

    @Override
    public void nullBulk() {
        ops.add(Null.BULK);
    }

    @Override
    public void nullArray() {
        ops.add(Null.BULK);
    }

    @Override
    public void array(int count) {
        ops.add(new Aggregate('*', count));
    }

    @Override
    public void map(int count) {
        ops.add(new Aggregate('%', count));
    }

    @Override
    public void set(int count) {
        ops.add(new Aggregate('~', count));
    }

    @Override
    public void push(int count) {
        array(count);
    }

    @Override
    public void attribute(int count) {
        throw new UnsupportedOperationException("scripts do not reply attributes");
    }

    @Override
    public void doubleValue(double value) {
        ops.add(new Dbl(value));
    }

    @Override
    public void bool(boolean value) {
        ops.add(value);
    }

    @Override
    public void bigNumber(String digits) {
        ops.add(new BigNumber(digits));
    }

    @Override
    public void verbatim(String format, byte[] text) {
        ops.add(new Verbatim(format, text));
    }
}
