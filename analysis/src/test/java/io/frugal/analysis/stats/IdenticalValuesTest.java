package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs that give bitwise the same accuracy (deterministic CPU runs, or a saturated metric) are
 * common; their cell must read as exactly that value with no spread, and a comparison built on
 * them must not mix a zero-width interval with an untested p-value.
 */
class IdenticalValuesTest {
    private static final double[] SAME = {0.7015, 0.7015, 0.7015};

    @Test
    void identicalValuesHaveExactlyThatMeanAndNoSpread() {
        // A plain sum / n gives 0.7014999999999999 and sd 1.36e-16 (numpy does too).
        Summary s = Summary.of(SAME);
        assertThat(s.mean()).isEqualTo(0.7015);
        assertThat(s.sd()).isZero();
        assertThat(s.se()).isZero();
        assertThat(s.ciLow()).isEqualTo(0.7015);
        assertThat(s.ciHigh()).isEqualTo(0.7015);
    }

    @Test
    void manyIdenticalValuesStayExact() {
        double[] v = new double[17];
        java.util.Arrays.fill(v, 0.9123);
        Summary s = Summary.of(v);
        assertThat(s.mean()).isEqualTo(0.9123);
        assertThat(s.sd()).isZero();
    }

    @Test
    void zeroSpreadOnBothSidesWithEqualMeansHasNoWelchIntervalDfOrP() {
        Difference d = Difference.welch(SAME, new double[] {0.7015, 0.7015});
        assertThat(d.delta()).isZero();
        // The Welch statistic is 0/0 here: interval, df and p are all n/a together, never one without the others.
        assertThat(d.ciLow()).isNaN();
        assertThat(d.ciHigh()).isNaN();
        assertThat(d.df()).isNaN();
        assertThat(d.pValue()).isNaN();
        // The rank test still answers: every split ties, so nothing is at all unusual.
        assertThat(d.rankP()).isEqualTo(1.0);
    }

    @Test
    void zeroSpreadOnBothSidesWithDifferentMeansHasTheDifferenceButNoWelchTest() {
        Difference d = Difference.welch(SAME, new double[] {0.7, 0.7, 0.7});
        assertThat(d.delta()).isEqualTo(0.7015 - 0.7);
        assertThat(d.ciLow()).isNaN();
        assertThat(d.df()).isNaN();
        assertThat(d.pValue()).isNaN();
        // 3 against 3 fully separated: the smallest two-sided rank p there is, 2 / C(6, 3).
        assertThat(d.rankP()).isEqualTo(0.1);
    }

    @Test
    void zeroSpreadOnOneSideIsAnOrdinaryWelchTest() {
        // Reference: scipy.stats.ttest_ind([0.7015] * 3, [0.69, 0.70, 0.71], equal_var=False).
        Difference d = Difference.welch(SAME, new double[] {0.69, 0.70, 0.71});
        assertThat(d.df()).isEqualTo(2.0);
        assertThat(d.pValue()).isCloseTo(0.8193120763422581, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(d.ciLow()).isCloseTo(-0.023341377117503267, org.assertj.core.api.Assertions.within(1e-13));
        assertThat(d.ciHigh()).isCloseTo(0.02634137711750338, org.assertj.core.api.Assertions.within(1e-13));
    }
}
