package io.frugal.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Hedges' g of a sample against a reference: the difference of means (sample − reference) over
 * the pooled standard deviation, times the exact small-sample correction
 * J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2)), ν = n₁ + n₂ − 2, which removes Cohen's d's upward bias
 * (J = 0.80 at 3 against 3 seeds). The 95% interval is Hedges and Olkin's normal approximation,
 * g ± z₀.₉₇₅ √((n₁ + n₂)/(n₁n₂) + g²/(2(n₁ + n₂))): Commons Math has no noncentral t to invert, and
 * the approximation is close to the noncentral-t interval when |g| is below about 2; beyond that,
 * and at very few seeds, it is too narrow. NaN throughout when a side has fewer than two values or
 * neither side has any spread (g would be 0/0 or ±∞).
 */
public record HedgesG(double g, double ciLow, double ciHigh) {
    private static final HedgesG NONE = new HedgesG(Double.NaN, Double.NaN, Double.NaN);
    private static final double Z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - Summary.CONFIDENCE) / 2);

    public static HedgesG of(double[] sample, double[] reference) {
        int n1 = sample.length;
        int n2 = reference.length;
        double sd = pooledSd(sample, reference);
        if (!(sd > 0)) return NONE;
        double g = correction(n1 + n2 - 2) * (Moments.mean(sample) - Moments.mean(reference)) / sd;
        double half = Z * Math.sqrt((n1 + n2) / ((double) n1 * n2) + g * g / (2.0 * (n1 + n2)));
        return new HedgesG(g, g - half, g + half);
    }

    /** √(((n₁ − 1)s₁² + (n₂ − 1)s₂²) / (n₁ + n₂ − 2)); NaN when a side has fewer than two values. */
    public static double pooledSd(double[] sample, double[] reference) {
        int n1 = sample.length;
        int n2 = reference.length;
        if (n1 < 2 || n2 < 2) return Double.NaN;
        double ss = Moments.sumOfSquares(sample, Moments.mean(sample)) + Moments.sumOfSquares(reference, Moments.mean(reference));
        return Math.sqrt(ss / (n1 + n2 - 2));
    }

    /** J(ν), from log-gamma so that large ν does not overflow Γ. */
    static double correction(int df) {
        return Math.exp(Gamma.logGamma(df / 2.0) - Gamma.logGamma((df - 1) / 2.0) - 0.5 * Math.log(df / 2.0));
    }
}
