package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankTestTest {
    // References: scipy.stats.mannwhitneyu(x, y, method="exact") (no ties).
    @Test
    void matchesTheExactDistributionWithoutTies() {
        assertThat(RankTest.exactP(new double[] {0.95, 0.93, 0.96, 0.94, 0.92}, new double[] {0.97, 0.975, 0.965, 0.98, 0.97}))
                .isCloseTo(0.007936507936507936, within(1e-15));
        assertThat(RankTest.exactP(new double[] {1, 2, 3}, new double[] {4, 5, 6})).isCloseTo(0.1, within(1e-15));
        assertThat(RankTest.exactP(new double[] {1, 4, 6, 7}, new double[] {2, 3, 5})).isCloseTo(0.6285714285714286, within(1e-15));
    }

    @Test
    void tiesUseMidRanksAndStayExact() {
        assertThat(RankTest.midRanks(new double[] {1, 2, 2, 3, 2, 3, 4})).containsExactly(1, 3, 3, 5.5, 3, 5.5, 7);
        // Counted by hand over all C(7, 4) = 35 splits: 10 are at least as far from the centre as observed.
        assertThat(RankTest.exactP(new double[] {1, 2, 2, 3}, new double[] {2, 3, 4})).isCloseTo(10.0 / 35, within(1e-15));
    }

    @Test
    void twoAgainstThreeRunsCannotGoBelowOneFifth() {
        // The smallest two-sided p with 2 and 3 runs is 2 / C(5, 2) = 0.2: a rank test says how little few seeds can show.
        assertThat(RankTest.exactP(new double[] {0.95, 0.96}, new double[] {0.97, 0.98, 0.99})).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void emptyOrHugeSamplesAreNotTested() {
        assertThat(RankTest.exactP(new double[0], new double[] {1, 2})).isNaN();
        assertThat(RankTest.exactP(new double[30], new double[30])).isNaN();
    }
}
