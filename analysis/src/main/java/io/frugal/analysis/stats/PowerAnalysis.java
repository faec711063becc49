package io.frugal.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * How many seeds per arm a two-sided two-sample t-test at α = 0.05 needs to detect a difference
 * with power 0.8, taking the observed difference and pooled standard deviation as the truth (so it
 * answers "how many seeds would a result like this one need", not "how many for any effect").
 *
 * <p>Commons Math has no noncentral t, so the power at n seeds per arm is the shifted central t
 * approximation: with ν = 2n − 2, δ = |Δ|/s · √(n/2) and c the 1 − α/2 quantile of t_ν,
 * power ≈ P(T_ν > c − δ) + P(T_ν < −c − δ). Unlike the plain normal formula it keeps the t's heavy
 * tails at few seeds; against the exact noncentral t it is off by at most one seed at the sizes a
 * table meets (checked against SciPy's {@code nct} in the reference data).
 */
public final class PowerAnalysis {
    public static final double ALPHA = 0.05;
    public static final double POWER = 0.8;
    /** Beyond this the answer is "more than any study will run": infinity. */
    public static final int MAX_SEEDS = 1_000_000;

    private PowerAnalysis() {}

    /** Seeds per arm for the observed means and the pooled sd of both sides; see {@link #seedsPerArm(double, double)}. */
    public static double seedsPerArm(double[] sample, double[] reference) {
        return seedsPerArm(Moments.mean(sample) - Moments.mean(reference), HedgesG.pooledSd(sample, reference));
    }

    /**
     * The smallest n ≥ 2 seeds per arm with power ≥ 0.8 for a true difference {@code delta} and
     * standard deviation {@code sd}. +∞ when delta is 0 or more than {@link #MAX_SEEDS} would be
     * needed; NaN when sd is NaN or not positive (no spread to size the test by).
     */
    public static double seedsPerArm(double delta, double sd) {
        if (Double.isNaN(delta) || !(sd > 0)) return Double.NaN;
        double effect = Math.abs(delta) / sd;
        if (effect == 0 || power(MAX_SEEDS, effect) < POWER) return Double.POSITIVE_INFINITY;
        // Power grows with n: bracket by doubling, then bisect to the first n that reaches it.
        int low = 1;
        int high = 2;
        while (power(high, effect) < POWER) {
            low = high;
            high = Math.min(2 * high, MAX_SEEDS);
        }
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (power(mid, effect) >= POWER) high = mid;
            else low = mid;
        }
        return high;
    }

    /** Approximate power of the two-sided test with {@code n} seeds per arm at standardised effect |Δ|/s. */
    public static double power(int n, double effect) {
        if (n < 2) return Double.NaN;
        double df = 2.0 * n - 2;
        TDistribution t = StudentT.withDf(df);
        double c = t.inverseCumulativeProbability(1 - ALPHA / 2);
        double shift = effect * Math.sqrt(n / 2.0);
        return t.cumulativeProbability(shift - c) + t.cumulativeProbability(-c - shift);
    }
}
