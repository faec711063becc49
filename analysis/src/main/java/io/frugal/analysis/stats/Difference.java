package io.frugal.analysis.stats;

/**
 * A sample against a reference sample: the difference of means (sample − reference), its 95% Welch
 * confidence interval, the Welch statistic t = Δ / √(s₁²/n₁ + s₂²/n₂), the Welch–Satterthwaite
 * degrees of freedom, the two-sided Welch t-test p-value, and the two-sided Mann–Whitney p-value {@code rankP} (which does not assume normality;
 * {@code rankMethod} says whether it is exact or the normal approximation).
 *
 * <p>What is defined when:
 * <ul>
 *   <li>a side with fewer than two values: only {@code delta} (NaN if a side is empty); no test of
 *       either kind, since one run against many can never be told apart by rank either;
 *   <li>no spread on either side (all values of each side identical): {@code delta} and the rank p,
 *       but no Welch interval, t, df or p, all NaN together. The Welch statistic is 0/0 when the
 *       means agree and ±∞ when they differ: "certain" from a handful of seeds that happened to
 *       agree with each other is not a claim a table should make, so the rank p (1 for equal
 *       values; 0.1 for 3 against 3 that differ) is the row's test;
 *   <li>no spread on one side only: an ordinary Welch test (df = n − 1 of the other side).
 * </ul>
 * {@link #inFamily()} says whether the row belongs to the table's Holm families (see {@link Holm}).
 */
public record Difference(double delta, double ciLow, double ciHigh, double t, double df, double pValue, double rankP,
        RankTest.Method rankMethod, int n, int nReference) {

    public static Difference welch(double[] sample, double[] reference) {
        Summary a = Summary.of(sample);
        Summary b = Summary.of(reference);
        double delta = a.mean() - b.mean();
        if (a.n() < 2 || b.n() < 2) {
            return new Difference(delta, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    RankTest.Method.NONE, a.n(), b.n());
        }
        RankTest.Result rank = RankTest.test(sample, reference);
        double ea = a.se() * a.se();
        double eb = b.se() * b.se();
        if (ea + eb == 0) {
            return new Difference(delta, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, rank.p(), rank.method(),
                    a.n(), b.n());
        }
        double df = (ea + eb) * (ea + eb) / (ea * ea / (a.n() - 1) + eb * eb / (b.n() - 1));
        double se = Math.sqrt(ea + eb);
        double half = Summary.tQuantile(df) * se;
        double t = delta / se;
        return new Difference(delta, delta - half, delta + half, t, df, StudentT.twoSidedP(t, df), rank.p(), rank.method(),
                a.n(), b.n());
    }

    /** Has a Welch p-value. */
    public boolean tested() {
        return !Double.isNaN(pValue);
    }

    /**
     * Both sides have at least two values: the row is one hypothesis of the table's Welch and rank
     * Holm families, whether or not the Welch p could be computed (no spread on either side).
     */
    public boolean inFamily() {
        return n >= 2 && nReference >= 2;
    }
}
