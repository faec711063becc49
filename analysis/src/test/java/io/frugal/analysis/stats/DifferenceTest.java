package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DifferenceTest {
    private static final double[] REDUCED = {0.95, 0.93, 0.96, 0.94, 0.92};
    private static final double[] BASELINE = {0.97, 0.975, 0.965, 0.98, 0.97};

    // Reference: scipy.stats.ttest_ind(a, b, equal_var=False) and its confidence_interval(0.95).
    @Test
    void welchTestMatchesReference() {
        Difference d = Difference.welch(REDUCED, BASELINE);
        assertThat(d.delta()).isCloseTo(-0.032, within(1e-12));
        assertThat(d.df()).isCloseTo(5.022716097944739, within(1e-9));
        assertThat(d.pValue()).isCloseTo(0.007955659071305203, within(1e-9));
        assertThat(d.ciLow()).isCloseTo(-0.05129590460124685, within(1e-9));
        assertThat(d.ciHigh()).isCloseTo(-0.012704095398752766, within(1e-9));
        assertThat(d.tested()).isTrue();
        // scipy.stats.mannwhitneyu(a, b, method="exact")
        assertThat(d.rankP()).isCloseTo(0.007936507936507936, within(1e-15));
    }

    @Test
    void isSymmetricInItsSides() {
        Difference ab = Difference.welch(REDUCED, BASELINE);
        Difference ba = Difference.welch(BASELINE, REDUCED);
        assertThat(ba.delta()).isCloseTo(-ab.delta(), within(1e-15));
        assertThat(ba.pValue()).isCloseTo(ab.pValue(), within(1e-15));
    }

    @Test
    void aSideWithOneRunGivesTheDifferenceButNoTest() {
        Difference d = Difference.welch(new double[] {0.9}, BASELINE);
        assertThat(d.delta()).isCloseTo(0.9 - 0.972, within(1e-12));
        assertThat(d.pValue()).isNaN();
        assertThat(d.ciLow()).isNaN();
        assertThat(d.tested()).isFalse();
        assertThat(d.rankP()).isNaN();
    }

    @Test
    void identicalValuesOnBothSidesAreNotTested() {
        Difference d = Difference.welch(new double[] {0.5, 0.5}, new double[] {0.5, 0.5, 0.5});
        assertThat(d.delta()).isZero();
        assertThat(d.pValue()).isNaN();
    }
}
