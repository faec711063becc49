package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PowerAnalysisTest {
    @Test
    void cohensTextbookSizes() {
        // Two-sided α = 0.05, power 0.8: d = 0.5 needs 64 per group, d = 0.8 needs 26, d = 1 needs 17
        // (Cohen 1988 table 2.4.1; the noncentral t gives the same).
        assertThat(PowerAnalysis.seedsPerArm(0.5, 1)).isEqualTo(64);
        assertThat(PowerAnalysis.seedsPerArm(0.8, 1)).isEqualTo(26);
        assertThat(PowerAnalysis.seedsPerArm(-1, 1)).isEqualTo(17);
        assertThat(PowerAnalysis.seedsPerArm(0.01, 0.01)).isEqualTo(17);
    }

    @Test
    void theAnswerIsTheFirstSizeThatReachesThePower() {
        assertThat(PowerAnalysis.power(17, 1)).isGreaterThanOrEqualTo(PowerAnalysis.POWER);
        assertThat(PowerAnalysis.power(16, 1)).isLessThan(PowerAnalysis.POWER);
    }

    @Test
    void hugeEffectsStillNeedTwoSeedsAndNoEffectNeedsInfinitelyMany() {
        assertThat(PowerAnalysis.seedsPerArm(100, 1)).isEqualTo(2);
        assertThat(PowerAnalysis.seedsPerArm(0, 1)).isInfinite();
        assertThat(PowerAnalysis.seedsPerArm(1e-6, 1)).isInfinite();
    }

    @Test
    void withoutSpreadThereIsNothingToSizeTheTestBy() {
        assertThat(PowerAnalysis.seedsPerArm(0.1, 0)).isNaN();
        assertThat(PowerAnalysis.seedsPerArm(new double[] {0.7015, 0.7015}, new double[] {0.7, 0.7})).isNaN();
        assertThat(PowerAnalysis.seedsPerArm(new double[] {0.9}, new double[] {0.7, 0.8})).isNaN();
    }
}
