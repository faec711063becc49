package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** Cells with many seeds are the ones best able to show a difference; they must not lose their rank test. */
class LargeCellRankTest {
    // 12 seeds a side: C(24, 12) = 2,704,156 splits, more than an exact count is tried for. Ties (0.921 and others).
    static final double[] A = {0.912, 0.905, 0.921, 0.899, 0.915, 0.908, 0.918, 0.902, 0.911, 0.925, 0.907, 0.913};
    static final double[] B = {0.921, 0.917, 0.930, 0.915, 0.926, 0.919, 0.928, 0.913, 0.922, 0.935, 0.920, 0.924};

    @Test
    void twelveAgainstTwelveSeedsGetTheTieCorrectedNormalApproximation() {
        // Reference: scipy.stats.mannwhitneyu(A, B, method="asymptotic") (continuity and tie correction): U = 18.5.
        assertThat(Difference.welch(A, B).rankP()).isCloseTo(0.0021989723918323686, withinPercentage(1e-7));
    }

    @Test
    void holmOverFourComparedRowsMultipliesTheSmallestByFour() {
        // Four rows compared with their baselines; the 12-seed row used to drop out (n/a), leaving a family of 3.
        double[] rank = {
            Difference.welch(A, B).rankP(),
            Difference.welch(new double[] {0.95, 0.93, 0.96, 0.94, 0.92}, new double[] {0.97, 0.975, 0.965, 0.98, 0.97}).rankP(),
            Difference.welch(new double[] {0.95, 0.96}, new double[] {0.97, 0.98, 0.99}).rankP(),
            Difference.welch(new double[] {0.66, 0.69}, new double[] {0.70, 0.74}).rankP(),
        };
        double[] adjusted = Holm.adjust(rank);
        assertThat(adjusted[0]).isCloseTo(4 * 0.0021989723918323686, within(1e-12));
        // Second smallest, 0.0079365 (exact 5 v 5), times 3.
        assertThat(adjusted[1]).isCloseTo(3 * 0.007936507936507936, within(1e-12));
    }

    @Test
    void largeCellsSayTheirPIsApproximateAndSmallOnesThatTheirsIsExact() {
        assertThat(RankTest.test(A, B).method()).isEqualTo(RankTest.Method.NORMAL_APPROXIMATION);
        assertThat(Difference.welch(A, B).rankMethod()).isEqualTo(RankTest.Method.NORMAL_APPROXIMATION);
        double[] eleven = java.util.Arrays.copyOf(A, 11);
        assertThat(RankTest.test(eleven, java.util.Arrays.copyOf(B, 11)).method()).isEqualTo(RankTest.Method.EXACT);
    }

    @Test
    void allValuesTiedInALargeCellIsNoEvidenceAtAll() {
        // σ of U is 0 here; the approximation must not divide by it.
        RankTest.Result r = RankTest.test(new double[30], new double[30]);
        assertThat(r.p()).isEqualTo(1.0);
        assertThat(r.u()).isEqualTo(450.0);
    }
}
