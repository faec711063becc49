package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Behaviour of Hedges' g and P(X > Y) that a reader of the table relies on (values: ReferenceDataTest). */
class EffectSizeTest {
    @Test
    void smallSampleCorrectionIsTheExactGammaRatio() {
        // J(4) = Γ(2) / (√2 Γ(3/2)) = √(2/π); the usual 1 − 3/(4ν − 1) would say 0.8.
        assertThat(HedgesG.correction(4)).isCloseTo(Math.sqrt(2 / Math.PI), within(1e-15));
        assertThat(HedgesG.correction(1000)).isCloseTo(1 - 3.0 / (4 * 1000 - 1), within(1e-7));
    }

    @Test
    void gIsNegativeWhenTheSampleIsWorseAndItsIntervalContainsIt() {
        HedgesG g = HedgesG.of(new double[] {0.95, 0.93, 0.96, 0.94, 0.92}, new double[] {0.97, 0.975, 0.965, 0.98, 0.97});
        assertThat(g.g()).isNegative();
        assertThat(g.ciLow()).isLessThan(g.g());
        assertThat(g.ciHigh()).isGreaterThan(g.g()).isNegative();
    }

    @Test
    void noSpreadOrTooFewRunsHaveNoEffectSize() {
        assertThat(HedgesG.of(new double[] {0.7, 0.7}, new double[] {0.6, 0.6}).g()).isNaN();
        assertThat(HedgesG.of(new double[] {0.9}, new double[] {0.6, 0.7}).g()).isNaN();
    }

    @Test
    void probabilityOfImprovementCountsTiesHalf() {
        // Pairs: 0.9 beats 0.8, ties 0.9, beats 0.7 ... 6 pairs: wins 0.9>0.8, 0.9>0.7, 0.8>0.7; ties 0.9=0.9, 0.8=0.8.
        assertThat(ProbabilityOfImprovement.of(new double[] {0.9, 0.8}, new double[] {0.9, 0.8, 0.7}))
                .isCloseTo((3 + 2 * 0.5) / 6, within(1e-15));
        assertThat(ProbabilityOfImprovement.of(new double[] {0.7015, 0.7015}, new double[] {0.7015})).isEqualTo(0.5);
        assertThat(ProbabilityOfImprovement.of(new double[0], new double[] {1})).isNaN();
    }

    @Test
    void probabilityOfImprovementIsTheRankStatisticOverAllPairs() {
        double[] x = LargeCellRankTest.A;
        double[] y = LargeCellRankTest.B;
        assertThat(ProbabilityOfImprovement.of(x, y)).isCloseTo(RankTest.test(x, y).u() / (x.length * y.length), within(1e-15));
    }
}
