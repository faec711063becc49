package io.frugal.analysis.stats;

/**
 * Two one-sided tests (TOST) of equivalence of a sample to a reference within ±{@code margin}:
 * equivalent at level α when the (1 − 2α) Welch interval of Δ = mean(sample) − mean(reference)
 * lies inside (−margin, +margin); {@code p} is the larger of the two one-sided p-values. With no
 * spread on either side there is no t: Δ itself decides (p 0 inside the margin, 1 outside).
 * NaN throughout when a side has fewer than two values.
 */
public record Equivalence(double delta, double ciLow, double ciHigh, double p, double margin) {
    public static final double ALPHA = 0.05;

    public enum Verdict {
        /** The (1 − 2α) interval lies inside ±margin. */
        EQUIVALENT,
        /** The (1 − 2α) interval lies wholly outside ±margin: the difference exceeds the margin. */
        DIFFERENT,
        /** Neither: too few runs or too much spread to say. */
        INCONCLUSIVE
    }

    public static Equivalence tost(double[] sample, double[] reference, double margin) {
        if (!(margin > 0)) throw new IllegalArgumentException("the margin must be positive: " + margin);
        Summary a = Summary.of(sample);
        Summary b = Summary.of(reference);
        double delta = a.mean() - b.mean();
        if (a.n() < 2 || b.n() < 2) return new Equivalence(delta, Double.NaN, Double.NaN, Double.NaN, margin);
        double ea = a.se() * a.se();
        double eb = b.se() * b.se();
        if (ea + eb == 0) return new Equivalence(delta, delta, delta, Math.abs(delta) < margin ? 0 : 1, margin);
        double df = (ea + eb) * (ea + eb) / (ea * ea / (a.n() - 1) + eb * eb / (b.n() - 1));
        double se = Math.sqrt(ea + eb);
        double half = StudentT.quantile(df, 1 - ALPHA) * se;
        var t = StudentT.withDf(df);
        double pLower = 1 - t.cumulativeProbability((delta + margin) / se);
        double pUpper = t.cumulativeProbability((delta - margin) / se);
        return new Equivalence(delta, delta - half, delta + half, Math.max(pLower, pUpper), margin);
    }

    public Verdict verdict() {
        if (Double.isNaN(ciLow)) return Verdict.INCONCLUSIVE;
        if (ciLow > -margin && ciHigh < margin) return Verdict.EQUIVALENT;
        if (ciLow >= margin || ciHigh <= -margin) return Verdict.DIFFERENT;
        return Verdict.INCONCLUSIVE;
    }
}
