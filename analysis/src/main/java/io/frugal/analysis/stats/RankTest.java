package io.frugal.analysis.stats;

import java.util.Arrays;

/**
 * Exact two-sided Mann–Whitney U test, for the few seeds per cell where a t-test leans hard on
 * normality (with 5 or fewer runs per cell a t-test's normality assumption cannot be checked). Commons Math only has
 * the normal approximation, which is poor at these sizes, so the p-value is counted over every
 * split of the pooled sample; ties get mid-ranks and stay exact.
 */
public final class RankTest {
    /** Beyond this many splits the count is not attempted (C(20, 10) = 184,756 is within it). */
    static final long MAX_SPLITS = 2_000_000;

    private RankTest() {}

    /**
     * P(|U − n₁n₂/2| ≥ |U_obs − n₁n₂/2|) under exchangeability; NaN when a side is empty or the
     * pooled sample is too large to enumerate.
     */
    public static double exactP(double[] sample, double[] reference) {
        int n1 = sample.length;
        int n = n1 + reference.length;
        if (n1 == 0 || reference.length == 0 || binomial(n, n1) > MAX_SPLITS) return Double.NaN;
        double[] pooled = new double[n];
        System.arraycopy(sample, 0, pooled, 0, n1);
        System.arraycopy(reference, 0, pooled, n1, reference.length);
        double[] rank = midRanks(pooled);
        double centre = n1 * (double) reference.length / 2;
        double observed = 0;
        for (int i = 0; i < n1; i++) observed += rank[i];
        // U differs from the rank sum by a constant, so distances from the centre compare the same way.
        double offset = n1 * (n1 + 1) / 2.0;
        double limit = Math.abs(observed - offset - centre) - 1e-9;
        long[] counts = new long[2];
        count(rank, 0, n1, 0, offset, centre, limit, counts);
        return (double) counts[0] / counts[1];
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
