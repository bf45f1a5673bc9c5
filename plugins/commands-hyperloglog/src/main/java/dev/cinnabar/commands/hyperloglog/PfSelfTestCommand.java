package dev.cinnabar.commands.hyperloglog;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.reply.ReplySink;

import java.util.concurrent.ThreadLocalRandom;

/**
 * PFSELFTEST: Redis's self-test of the register packing and of the estimate's error, run on
 * this implementation (dense and sparse side by side up to ten million elements).
 */
final class PfSelfTestCommand {

    private PfSelfTestCommand() {
    }

    private static final int TEST_CYCLES = 1000;

    static void execute(CommandContext ctx, Arguments args, ReplySink reply) {
        String failure = run(ctx.config().getLong(PfCommands.SPARSE_MAX_BYTES));
        if (failure == null) {
            reply.ok();
        } else {
            reply.error(failure);
        }
    }

    /** The failure text, or null when every check passed. */
    static String run(long sparseMaxBytes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] dense = new byte[Hll.DENSE_SIZE];
        byte[] expected = new byte[Hll.REGISTERS];

        // 1: every register keeps its value and leaves its neighbours alone
        for (int cycle = 0; cycle < TEST_CYCLES; cycle++) {
            for (int i = 0; i < Hll.REGISTERS; i++) {
                int r = random.nextInt() & Hll.REGISTER_MAX;
                expected[i] = (byte) r;
                DenseRegisters.put(dense, i, r);
            }
            for (int i = 0; i < Hll.REGISTERS; i++) {
                int v = DenseRegisters.get(dense, i);
                if (v != expected[i]) {
                    return HllErrors.registerMismatch(i, expected[i], v);
                }
            }
        }

        // 2: the error stays within six standard errors, dense and sparse agreeing
        java.util.Arrays.fill(dense, Hll.HEADER_SIZE, Hll.DENSE_SIZE, (byte) 0);
        Hll denseHll = Hll.createSparse();
        denseHll.toDense();
        Hll sparse = Hll.createSparse();
        double relerr = 1.04 / Math.sqrt(Hll.REGISTERS);
        long checkpoint = 1;
        long seed = random.nextLong();
        byte[] element = new byte[8];
        for (long j = 1; j <= 10_000_000L; j++) {
            long ele = j ^ seed;
            for (int b = 0; b < 8; b++) {
                element[b] = (byte) (ele >>> (8 * b));
            }
            denseHll.add(element, sparseMaxBytes);
            sparse.add(element, sparseMaxBytes);
            if (j != checkpoint) {
                continue;
            }
            if (j < sparseMaxBytes / 2 && sparse.isDense()) {
                return HllErrors.SPARSE_NOT_USED;
            }
            long count = denseHll.count();
            if (count != sparse.count()) {
                return HllErrors.DENSE_SPARSE_DISAGREE;
            }
            long maxerr = (long) Math.ceil(relerr * 6 * checkpoint);
            // at 10 a collision is likely enough to give a much larger error now and then
            if (j == 10) {
                maxerr = 1;
            }
            long abserr = Math.abs(checkpoint - count);
            if (abserr > maxerr) {
                return HllErrors.tooBigError(checkpoint, abserr);
            }
            checkpoint *= 10;
        }
        return null;
    }
}
