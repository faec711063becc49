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
     * The mean, summed as deviations from the first value and refined by one more pass over the
     * residuals: deviations of values that agree in their leading digits are exact, so equal values
     * sum to exactly zero and the mean is exactly their value. NaN for no values.
     */
    static double mean(double[] values) {
        int n = values.length;
        if (n == 0) return Double.NaN;
        double shift = values[0];
        double s = 0;
        for (double v : values) s += v - shift;
        double mean = shift + s / n;
        double r = 0;
        for (double v : values) r += v - mean;
        return mean + r / n;
    }

    /**
     * Σ (v − mean)², with the corrected two-pass term − (Σ (v − mean))² / n that removes what is
     * left of the mean's rounding (Chan, Golub and LeVeque's "corrected two-pass algorithm").
     * Exactly zero when all values are equal; never negative.
     */
    static double sumOfSquares(double[] values, double mean) {
        double ss = 0;
        double s = 0;
        for (double v : values) {
            double d = v - mean;
            ss += d * d;
            s += d;
        }
        return Math.max(0, ss - s * s / values.length);
    }

    /** Sample variance (n − 1); NaN below two values. */
    static double variance(double[] values) {
        if (values.length < 2) return Double.NaN;
        return sumOfSquares(values, mean(values)) / (values.length - 1);
    }
}
