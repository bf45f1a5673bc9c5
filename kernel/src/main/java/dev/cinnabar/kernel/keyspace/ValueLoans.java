package dev.cinnabar.kernel.keyspace;

import dev.cinnabar.api.keyspace.RedisValue;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Values a background save has lent to its writer thread, which encodes them while the executor
 * goes on (large values of types whose reads change nothing the encoding reads, see
 * {@code RdbValueCodec.writableElsewhere}). The executor may still read a lent value; a change in
 * place waits until the writer is done with it. Lending and waiting happen on the executor; the
 * writer only marks loans returned and, when it stops, closes them all.
 */
public final class ValueLoans {

    /** One value lent: the writer marks it returned when it no longer reads it. */
    public static final class Loan {
        private final RedisValue value;
        private volatile boolean returned;

        private Loan(RedisValue value) {
            this.value = value;
        }

        public RedisValue value() {
            return value;
        }

        /** Writer thread: done reading the value. */
        public void returned() {
            returned = true;
        }
    }

    private final Map<RedisValue, Loan> lent = new IdentityHashMap<>(); // executor only
    private volatile boolean closed;

    /** Executor: {@code value} is the writer's to read until returned; it must not change meanwhile. */
    public Loan lend(RedisValue value) {
        Loan loan = new Loan(value);
        lent.put(value, loan);
        return loan;
    }

    /** Writer thread: it stopped, and reads nothing more. */
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** Executor: waits until {@code value}, if lent, is no longer read by the writer. */
    void awaitReturn(RedisValue value) {
        Loan loan = lent.get(value);
        if (loan == null) {
            return;
        }
        while (!loan.returned && !closed) {
            LockSupport.parkNanos(20_000);
        }
        lent.remove(value);
    }
}
