package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class UTurnTest {
    @Test
    void switchWindowRuleInterpolatesTheTenAndNinetyPercentLevels() {
        double[] t = {0, 1, 2, 3, 4};
        double[] f = {0.8, 0.8, 0.4, 0.0, 0.0};
        double[] w = UTurn.switchWindow(t, f);
        assertThat(w[0]).isCloseTo(1.2, within(1e-12)); // 0.72 between 0.8 and 0.4
        assertThat(w[1]).isCloseTo(2.8, within(1e-12)); // 0.08 between 0.4 and 0
    }

    @Test
    void withTheExactFieldTheModeSwitchHappensInsidePhaseOneOfTheDilatedSchedule() {
        int d = 256;
        GaussianMixture g = new GaussianMixture(d, 0.8, 1.0);
        TimeSchedule s = TimeSchedule.dilated(2, d);
        TimeGrid grid = TimeGrid.uniform(s, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            UTurn.Curve fromMinus = UTurn.run(m, Field.exact(g, s), s, grid, g, -1, 200, 5);
            // from pure noise the minority start ends in the majority mode with probability ~p
            assertThat(fromMinus.otherModeFraction()[0]).isBetween(0.7, 0.9);
            assertThat(fromMinus.otherModeFraction()[grid.size() - 1]).isZero();
            assertThat(fromMinus.switchFrom()).isGreaterThan(0).isLessThan(fromMinus.switchTo());
            assertThat(fromMinus.switchTo()).isLessThan(1);
        }
    }

    @Test
    void aPhaseAwareGridFromTheUTurnWindowFixesTheCoarseUniformSamplerAtTheSameGridSize() {
        int d = 1000;
        GaussianMixture g = new GaussianMixture(d, 0.8, 1.0);
        TimeSchedule s = TimeSchedule.uniform();
        try (NDManager m = NDManager.newBaseManager()) {
            UTurn.Curve probe = UTurn.run(m, Field.exact(g, s), s, TimeGrid.uniform(s, 25), g, -1, 150, 2);
            assertThat(probe.switchTo()).isLessThan(0.2); // decided within ~1/sqrt(d) of the noise end
            TimeGrid even = TimeGrid.uniform(s, 10);
            TimeGrid aware = TimeGrid.phaseAware(s, 10, 0, probe.switchTo(), 0.5);
            assertThat(aware.size()).isEqualTo(even.size());
            SampleStats coarse = Sampler.generate(m, Field.exact(g, s), s, even, d, 800, 3, "sample");
            SampleStats phased = Sampler.generate(m, Field.exact(g, s), s, aware, d, 800, 3, "sample");
            assertThat(coarse.plusFraction()).isGreaterThan(0.95);
            assertThat(SamplerTest.covers(phased, 0.8)).as("p-hat %s", phased.plusFraction()).isTrue();
        }
    }
}
