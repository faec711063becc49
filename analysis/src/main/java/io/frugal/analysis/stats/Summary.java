package io.frugal.analysis.stats;

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
        double mean = Moments.mean(values);
        if (n == 1) return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        // Two passes (see Moments), not the textbook one-pass formula that cancels badly when the
        // spread is small against the mean (accuracies near 0.99); identical values give sd exactly 0
        // and then an interval of exactly the one value, which is what the t formula says for s = 0.
        double sd = Math.sqrt(Moments.sumOfSquares(values, mean) / (n - 1));
        double se = sd / Math.sqrt(n);
        double half = tQuantile(n - 1) * se;
        return new Summary(n, mean, sd, se, mean - half, mean + half);
    }

    /** The two-sided 95% critical value of Student's t with {@code df} degrees of freedom, to full double accuracy. */
    static double tQuantile(double df) {
        return StudentT.quantile(df, 1 - (1 - CONFIDENCE) / 2);
    }
}
