package io.frugal.analysis.stats;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * A sample against a reference sample: the difference of means, its 95% Welch confidence interval,
 * the Welch-Satterthwaite degrees of freedom and the two-sided Welch t-test p-value. The test and
 * interval need two values on each side and some spread; otherwise they are NaN and only the
 * difference of means (when both sides have a value) is given. {@code rankP} is the exact
 * Mann–Whitney p-value, which does not assume normality (NaN, like the Welch test, when a side
 * has fewer than two values).
 */
public record Difference(double delta, double ciLow, double ciHigh, double df, double pValue, double rankP) {
    public static Difference welch(double[] sample, double[] reference) {
        Summary a = Summary.of(sample);
        Summary b = Summary.of(reference);
        double delta = a.mean() - b.mean();
        if (a.n() < 2 || b.n() < 2) {
            // A single run against many can never be told apart by rank either; both tests need two a side.
            return new Difference(delta, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double rankP = RankTest.exactP(sample, reference);
        double ea = a.se() * a.se();
        double eb = b.se() * b.se();
        if (ea + eb == 0) {
            // Identical values on both sides: no spread to test against (Commons Math would divide 0 by 0).
            return new Difference(delta, Double.NaN, Double.NaN, Double.NaN, Double.NaN, rankP);
        }
        double df = (ea + eb) * (ea + eb)
                / (ea * ea / (sample.length - 1) + eb * eb / (reference.length - 1));
        double half = Summary.tQuantile(df) * Math.sqrt(ea + eb);
        double p = new TTest().tTest(sample, reference);
        return new Difference(delta, delta - half, delta + half, df, p, rankP);
    }

    public boolean tested() {
        return !Double.isNaN(pValue);
    }
}
