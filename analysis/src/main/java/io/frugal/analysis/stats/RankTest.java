package io.frugal.analysis.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided Mann–Whitney U test, for the few seeds per cell where a t-test leans hard on normality
 * (with 5 or fewer runs per cell a t-test's normality assumption cannot be checked). Where the pooled sample has at
 * most {@link #MAX_SPLITS} splits the p-value is counted over every split (ties get mid-ranks and
 * stay exact); Commons Math's own test is only the normal approximation, which is poor at these
 * sizes. Larger cells (12 against 12 seeds and up) get the normal approximation with tie and
 * continuity correction, which is what SciPy's {@code mannwhitneyu(method="asymptotic")} computes,
 * so that no compared row is left without a rank p.
 */
public final class RankTest {
    /** Beyond this many splits the count is not attempted (C(22, 11) = 705,432 is within it, C(24, 12) is not). */
    static final long MAX_SPLITS = 2_000_000;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private RankTest() {}

    /** How a p-value was obtained: reports say which, since the approximate ones are not exact at small n. */
    public enum Method {
        /** Counted over every split of the pooled sample. */
        EXACT,
        /** Normal approximation of U with tie and continuity correction. */
        NORMAL_APPROXIMATION,
        /** Not computed: a side has no value (or, in {@link Difference}, fewer than two). */
        NONE
    }

    /** U of the sample (ties counted ½), its two-sided p and how the p was obtained. */
    public record Result(double u, double p, Method method) {
        static final Result NONE = new Result(Double.NaN, Double.NaN, Method.NONE);
    }

    /**
     * U = Σ ranks of the sample − n₁(n₁+1)/2 and the two-sided p: exact when the splits can be
     * counted, the normal approximation otherwise. NaN p (method NONE) only when a side is empty.
     */
    public static Result test(double[] sample, double[] reference) {
        int n1 = sample.length;
        int n2 = reference.length;
        if (n1 == 0 || n2 == 0) return Result.NONE;
        double[] rank = midRanks(pooled(sample, reference));
        double u = rankSum(rank, n1) - n1 * (n1 + 1) / 2.0;
        if (binomial(n1 + n2, n1) <= MAX_SPLITS) return new Result(u, exact(rank, n1, n2), Method.EXACT);
        return new Result(u, normalP(u, rank, n1, n2), Method.NORMAL_APPROXIMATION);
    }

    /**
     * P(|U − n₁n₂/2| ≥ |U_obs − n₁n₂/2|) under exchangeability, counted over all splits; NaN when a
     * side is empty or the pooled sample is too large to enumerate (then see {@link #test}).
     */
    public static double exactP(double[] sample, double[] reference) {
        int n1 = sample.length;
        int n2 = reference.length;
        if (n1 == 0 || n2 == 0 || binomial(n1 + n2, n1) > MAX_SPLITS) return Double.NaN;
        return exact(midRanks(pooled(sample, reference)), n1, n2);
    }

    private static double exact(double[] rank, int n1, int n2) {
        double centre = n1 * (double) n2 / 2;
        // U differs from the rank sum by a constant, so distances from the centre compare the same way.
        double offset = n1 * (n1 + 1) / 2.0;
        double limit = Math.abs(rankSum(rank, n1) - offset - centre) - 1e-9;
        long[] counts = new long[2];
        count(rank, 0, n1, 0, offset, centre, limit, counts);
        return (double) counts[0] / counts[1];
    }

    /**
     * z = (|U − n₁n₂/2| − ½) / σ with σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))) over the tie
     * groups t, and p = 2 P(Z ≥ z), capped at 1. σ = 0 only when every value ties: no evidence at all,
     * p = 1 (returned directly so that a σ² rounded below zero cannot turn into NaN).
     */
    private static double normalP(double u, double[] rank, int n1, int n2) {
        int n = n1 + n2;
        double[] sorted = rank.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) j++;
            double t = j - i + 1;
            ties += t * t * t - t;
            i = j + 1;
        }
        double variance = n1 * (double) n2 / 12 * ((n + 1) - ties / ((double) n * (n - 1)));
        if (!(variance > 0)) return 1.0;
        double z = (Math.abs(u - n1 * (double) n2 / 2) - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, 2 * STANDARD_NORMAL.cumulativeProbability(-z));
    }

    /** Visits every choice of {@code left} more ranks from {@code from}; counts[0] as extreme, counts[1] all. */
    private static void count(double[] rank, int from, int left, double sum, double offset, double centre, double limit,
            long[] counts) {
        if (left == 0) {
            if (Math.abs(sum - offset - centre) >= limit) counts[0]++;
            counts[1]++;
            return;
        }
        for (int i = from; i <= rank.length - left; i++) {
            count(rank, i + 1, left - 1, sum + rank[i], offset, centre, limit, counts);
        }
    }

    private static double[] pooled(double[] sample, double[] reference) {
        double[] pooled = new double[sample.length + reference.length];
        System.arraycopy(sample, 0, pooled, 0, sample.length);
        System.arraycopy(reference, 0, pooled, sample.length, reference.length);
        return pooled;
    }

    /** The sample's ranks are the first {@code n1}. */
    private static double rankSum(double[] rank, int n1) {
        double s = 0;
        for (int i = 0; i < n1; i++) s += rank[i];
        return s;
    }

    static double[] midRanks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] rank = new double[values.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) j++;
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[order[k]] = mid;
            i = j + 1;
        }
        return rank;
    }

    private static long binomial(int n, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
            if (c > MAX_SPLITS) return c;
        }
        return c;
    }
}
