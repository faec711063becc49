package io.frugal.reproducibility.verify;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The (1 − 2α) intervals the verdicts rest on, α = 0.05: a 90 % interval, whose lying inside the
 * margin is exactly "both one-sided tests at 5 % reject" (two one-sided tests, Schuirmann 1987).
 * Quantiles are solved to full double accuracy, as the report's own statistics are.
 */
public record Interval(double estimate, double low, double high) {
    public static final double ALPHA = 0.05;
    private static final double ACCURACY = 1e-14;

    /** estimate ± t(1 − α, df)·se; the point itself when se is 0; NaN bounds when se or df is not usable. */
    public static Interval t(double estimate, double se, double df) {
        if (se == 0) return new Interval(estimate, estimate, estimate);
        if (!(se > 0) || !(df > 0)) return new Interval(estimate, Double.NaN, Double.NaN);
        double half = new TDistribution(null, df, ACCURACY).inverseCumulativeProbability(1 - ALPHA) * se;
        return new Interval(estimate, estimate - half, estimate + half);
    }

    /** The interval of a variance ratio s₁²/s₂² from F(n₁ − 1, n₂ − 1). */
    public static Interval varianceRatio(double var1, int n1, double var2, int n2) {
        if (n1 < 2 || n2 < 2 || !(var2 > 0)) return new Interval(var2 > 0 ? var1 / var2 : Double.NaN, Double.NaN, Double.NaN);
        double r = var1 / var2;
        FDistribution f = new FDistribution(null, n1 - 1, n2 - 1, ACCURACY);
        return new Interval(r, r / f.inverseCumulativeProbability(1 - ALPHA), r / f.inverseCumulativeProbability(ALPHA));
    }

    public boolean defined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Inside (lo, hi): both one-sided tests reject. */
    public boolean within(double lo, double hi) {
        return defined() && low > lo && high < hi;
    }

    /** Entirely outside [lo, hi]. */
    public boolean outside(double lo, double hi) {
        return defined() && (high < lo || low > hi);
    }

    /** Welch–Satterthwaite degrees of freedom of a sum of squared standard errors with their own df. */
    public static double welchDf(double e1, double df1, double e2, double df2) {
        double num = (e1 + e2) * (e1 + e2);
        double den = (df1 > 0 ? e1 * e1 / df1 : 0) + (df2 > 0 ? e2 * e2 / df2 : 0);
        return den == 0 ? Double.NaN : num / den;
    }
}
