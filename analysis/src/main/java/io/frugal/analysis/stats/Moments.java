package io.frugal.analysis.stats;

/**
 * Mean and sum of squared deviations that are exact where it shows: identical values give exactly
 * that value and exactly zero spread (a plain sum / n turns three runs at 0.7015 into
 * 0.7014999999999999 with sd 1.4e-16, and a table then prints a zero-width interval next to an
 * untested p). Accuracies near 0.99 with spreads of 1e-9 must not cancel either.
 */
final class Moments {
    private Moments() {}

    /**
     * The mean, summed as deviations from the first value: deviations of values that agree in their
     * leading digits are exact, so equal values sum to exactly zero and the mean is exactly their
     * value, and the rounding left is relative to the spread, not to the mean. NaN for no values.
     */
    static double mean(double[] values) {
        int n = values.length;
        if (n == 0) return Double.NaN;
        double shift = values[0];
        double s = 0;
        for (double v : values) s += v - shift;
        return shift + s / n;
    }

    /** Σ (v − mean)², the second of two passes: exactly zero when all values are equal. */
    static double sumOfSquares(double[] values, double mean) {
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        return ss;
    }
}
