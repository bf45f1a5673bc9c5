package dev.cinnabar.commands.hyperloglog;

/**
 * Redis's cardinality estimate from a register histogram: Otmar Ertl's improved estimator
 * ("New cardinality estimation algorithms for HyperLogLog sketches", arXiv:1702.01284) as
 * {@code hllCount} computes it, with the same operation order so every double rounds the same.
 */
final class CardinalityEstimator {

    private CardinalityEstimator() {
    }

    /** {@code HLL_ALPHA_INF}: 0.5/ln(2). */
    private static final double ALPHA_INF = 0.721347520444481703680;

    /** {@code histogram[v]} = number of registers holding {@code v}; 64 entries. */
    static long estimate(int[] histogram) {
        double m = Hll.REGISTERS;
        double z = m * tau((m - histogram[Hll.Q + 1]) / m);
        for (int j = Hll.Q; j >= 1; j--) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return roundHalfAwayFromZero(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            // C's pow(1 - x, 2) is correctly rounded, so it equals the product
            double d = 1 - x;
            z -= d * d * y;
        } while (zPrime != z);
        return z / 3;
    }

    /** C's {@code llroundl} for the non-negative values the estimate takes. */
    private static long roundHalfAwayFromZero(double v) {
        double f = Math.floor(v);
        return (long) (v - f >= 0.5 ? f + 1 : f);
    }
}
