package io.frugal.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean, sample standard deviation (n - 1), standard error and the 95% Student-t confidence
 * interval of a small sample. Quantities a sample is too small for are NaN: the mean needs one
 * value, the rest two.
 */
public record Summary(int n, double mean, double sd, double se, double ciLow, double ciHigh) {
    public static final double CONFIDENCE = 0.95;

    public static Summary of(double[] values) {
        int n = values.length;
        if (n == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double mean = 0;
        for (double v : values) mean += v;
        mean /= n;
        if (n == 1) return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        // Two passes: the sum of squared deviations from the mean, not the textbook one-pass formula
        // that cancels badly when the spread is small against the mean (accuracies near 0.99).
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double se = sd / Math.sqrt(n);
        double half = tQuantile(n - 1) * se;
        return new Summary(n, mean, sd, se, mean - half, mean + half);
    }

    /** The two-sided 95% critical value of Student's t with {@code df} degrees of freedom. */
    static double tQuantile(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }
}
