package io.frugal.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student's t from Commons Math, with the quantile solved to full double accuracy. Commons Math
 * solves inverse CDFs to 1e-9 absolute unless told otherwise, which moves interval bounds in the
 * ninth digit; with 1e-14 the Brent solver stops at its own relative accuracy (also 1e-14).
 */
final class StudentT {
    static final double INVERSE_ACCURACY = 1e-14;

    private StudentT() {}

    static TDistribution withDf(double df) {
        // No random generator: these distributions are only evaluated, never sampled.
        return new TDistribution(null, df, INVERSE_ACCURACY);
    }

    /** The {@code p} quantile with {@code df} degrees of freedom. */
    static double quantile(double df, double p) {
        return withDf(df).inverseCumulativeProbability(p);
    }

    /** P(|T| ≥ |t|) with {@code df} degrees of freedom, from the lower tail so small p keep their digits. */
    static double twoSidedP(double t, double df) {
        return Math.min(1.0, 2 * withDf(df).cumulativeProbability(-Math.abs(t)));
    }
}
