package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class SamplerTest {
    static SampleStats exact(NDManager m, TimeSchedule s, int steps, int d, double p, int count, long seed) {
        GaussianMixture g = new GaussianMixture(d, p, 1.0);
        return Sampler.generate(m, Field.exact(g, s), s, TimeGrid.uniform(s, steps), d, count, seed, "sample");
    }

    /** Whether p lies in the Wilson 95 % interval widened to 99.9 % (several seeded cases are checked). */
    static boolean covers(SampleStats s, double p) {
        double[] ci = SampleStats.wilson(Math.round(s.plusFraction() * s.total()), s.total(), 3.29);
        return ci[0] <= p && p <= ci[1];
    }

    @Test
    void dilatedScheduleWithTheExactFieldRecoversTheModeWeightAndTheVarianceConvergesWithSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            int seed = 1;
            for (int d : new int[] {100, 300}) {
                for (double p : new double[] {0.8, 0.35}) {
                    double previousError = Double.POSITIVE_INFINITY;
                    for (int steps : new int[] {10, 40, 160}) {
                        SampleStats s = exact(m, TimeSchedule.dilated(2, d), steps, d, p, 800, seed++);
                        // 10 steps (5 in phase 1) still carry a visible discretisation bias (p-hat 0.82..0.84 for p = 0.8 at d = 100)
                        if (steps >= 40) assertThat(covers(s, p)).as("d %d, p %s, %d steps: p-hat %s", d, p, steps, s.plusFraction()).isTrue();
                        double error = Math.abs(s.withinModeVariance() - 1);
                        assertThat(error).as("variance error at %d steps", steps).isLessThan(previousError);
                        previousError = error;
                    }
                    assertThat(previousError).isLessThan(0.03);
                }
            }
        }
    }

    @Test
    void uniformScheduleWithCoarseStepsMissesTheModeWeightInHighDimension() {
        // the mode is decided within ~1/sqrt(d) of t = 0; 10 uniform steps jump over that window
        try (NDManager m = NDManager.newBaseManager()) {
            SampleStats coarse = exact(m, TimeSchedule.uniform(), 10, 1000, 0.8, 800, 7);
            assertThat(coarse.plusFraction()).isGreaterThan(0.95);
            SampleStats dilated = exact(m, TimeSchedule.dilated(2, 1000), 10, 1000, 0.8, 800, 7);
            assertThat(covers(dilated, 0.8)).isTrue();
        }
    }
}
