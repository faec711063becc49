package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FlowTheoryTest {
    @Test
    void infiniteNCurvesAreThePapersFormulas() {
        FlowTheory.Parameters phase1 = FlowTheory.infinite(0.4, 2, 0.8);
        assertThat(phase1.c()).isZero();
        assertThat(phase1.m()).isEqualTo(1);
        assertThat(phase1.omega()).isCloseTo(0.8, within(1e-15));
        assertThat(phase1.b()).isCloseTo(0.5 * Math.log(4), within(1e-15));
        FlowTheory.Parameters phase2 = FlowTheory.infinite(1.7, 2, 0.8);
        double s = 0.7;
        assertThat(phase2.c()).isCloseTo(s / ((1 - s) * (1 - s) + s * s), within(1e-12));
        assertThat(phase2.m()).isCloseTo((1 - s) * (1 - s) / ((1 - s) * (1 - s) + s * s), within(1e-12));
        assertThat(FlowTheory.infinite(2, 2, 0.8).c()).isCloseTo(1, within(1e-12));
    }

    @Test
    void finiteNPhaseTwoTendsToTheInfiniteCurveAsNGrows() {
        for (double t : new double[] {1.1, 1.5, 1.9}) {
            FlowTheory.Parameters big = FlowTheory.finite(t, 2, 0.8, 100_000_000, 1, 50, 10, 1);
            FlowTheory.Parameters inf = FlowTheory.infinite(t, 2, 0.8);
            assertThat(big.c()).isCloseTo(inf.c(), within(1e-5));
            assertThat(big.m()).isCloseTo(inf.m(), within(1e-5));
            FlowTheory.Parameters paper = FlowTheory.finite(t, 2, 0.8, 128, 1, 50, 10, 1);
            assertThat(paper.m()).isLessThan(inf.m()); // the L2 on u shrinks m at finite n
        }
    }

    @Test
    void finiteNPhaseOneIsAConstantPredictorNearZeroThenLearnsOmegaAndB() {
        FlowTheory.Parameters early = FlowTheory.finite(0.05, 2, 0.8, 128, 1, 50, 500, 3);
        assertThat(early.omega()).isCloseTo(0, within(0.01)); // flat there: the search stops within its last step
        assertThat(early.b()).isEqualTo(FlowTheory.B_MAX);
        FlowTheory.Parameters mid = FlowTheory.finite(0.5, 2, 0.8, 128, 1, 50, 500, 3);
        assertThat(mid.omega()).isGreaterThan(0.3);
        assertThat(mid.b()).isBetween(0.2, 3.0);
        assertThat(mid.m()).isBetween(0.3, 1.0);
        // a minimum: no better point nearby
        double at = FlowTheory.objective(0.5, 2, 0.8, 128, 1, 50, 500, 3, mid.omega(), mid.b());
        for (double[] d : new double[][] {{0.02, 0}, {-0.02, 0}, {0, 0.02}, {0, -0.02}}) {
            assertThat(FlowTheory.objective(0.5, 2, 0.8, 128, 1, 50, 500, 3, mid.omega() + d[0], mid.b() + d[1])).isGreaterThanOrEqualTo(at);
        }
    }
}
