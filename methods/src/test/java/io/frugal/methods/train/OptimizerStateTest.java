package io.frugal.methods.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.frugal.methods.config.RunConfig.OptimizerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam's update and the weight average's warm-up, against hand-computed values. */
class OptimizerStateTest {
    private static final OptimizerConfig ADAM = new OptimizerConfig("adam", 0.01, 0.9, 0.999, 1e-7, 0.98, 1e-7);

    @Test
    void adamTakesBiasCorrectedStepsAndZeroesTheGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(new float[] {1f, -2f});
            p.setRequiresGradient(true);
            AdamOptimizer adam = new AdamOptimizer(manager, List.of(p), ADAM);
            float[] g = {0.5f, -0.25f};
            double[] expected = {1, -2};
            double[] m = new double[2];
            double[] v = new double[2];
            for (int t = 1; t <= 3; t++) {
                backwardOf(manager, p, g);
                adam.step(0.01);
                double rate = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                for (int i = 0; i < 2; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    expected[i] -= rate * m[i] / (Math.sqrt(v[i]) + 1e-7);
                }
                float[] actual = p.toFloatArray();
                for (int i = 0; i < 2; i++) assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-6));
                assertThat(p.getGradient().toFloatArray()).containsOnly(0f);
            }
            assertThat(adam.steps()).isEqualTo(3);
            // the very first step moves each weight by about lr, whatever the gradient's scale
            assertThat(AdamOptimizer.stepSize(0.01, 0.9, 0.999, 1) * 0.1 / Math.sqrt(0.001)).isCloseTo(0.01, within(1e-9));
        }
    }

    /** Accumulates d(sum(p·g))/dp = g into p's gradient. */
    private static void backwardOf(NDManager manager, NDArray p, float[] g) {
        try (NDManager scope = manager.newSubManager(); GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray target = p.mul(scope.create(g)).sum();
            collector.backward(target);
        }
    }

    @Test
    void weightAverageWarmsUpLikeTensorFlowWithNumUpdates() {
        assertThat(WeightAverage.decayAt(0.999, 0)).isCloseTo(0.1, within(1e-12));
        assertThat(WeightAverage.decayAt(0.999, 10)).isCloseTo(11.0 / 20, within(1e-12));
        assertThat(WeightAverage.decayAt(0.999, 100_000)).isEqualTo(0.999);
        // the warm-up ends where (1+n)/(10+n) reaches the decay: n = 8990 for 0.999
        assertThat(WeightAverage.decayAt(0.999, 8989)).isLessThan(0.999);
        assertThat(WeightAverage.decayAt(0.999, 8991)).isEqualTo(0.999);
    }

    @Test
    void weightAverageFollowsTheWeightsAndIsWhatTheAveragedStoreServes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(1))
                    .optInitializer((m, shape, type) -> m.create(new float[] {10f})).build();
            w.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32);
            WeightAverage average = new WeightAverage(manager, List.of(w), 0.999);
            w.getArray().subi(w.getArray()); // the weights jump to 0
            average.update(); // decay 0.1: 0.1·10 + 0.9·0 = 1
            assertThat((double) average.averages().get(0).getFloat()).isCloseTo(1.0, within(1e-6));
            average.update(); // decay 2/11: (2/11)·1
            assertThat((double) average.averages().get(0).getFloat()).isCloseTo(2.0 / 11, within(1e-6));
            assertThat(average.updates()).isEqualTo(2);
            NDArray served = average.averagedStore(manager).getValue(w, manager.getDevice(), false);
            assertThat((double) served.getFloat()).isCloseTo(2.0 / 11, within(1e-6));
            assertThat(w.getArray().getFloat()).isZero();
        }
    }

    @Test
    void batchesMergeALastSingleExampleIntoThePreviousBatch() {
        assertThat(BatchPlan.boundaries(61, 30)).containsExactly(0, 30, 61);
        assertThat(BatchPlan.boundaries(62, 30)).containsExactly(0, 30, 60, 62);
        assertThat(BatchPlan.boundaries(60, 30)).containsExactly(0, 30, 60);
        assertThat(BatchPlan.boundaries(1, 30)).containsExactly(0, 1);
        assertThat(BatchPlan.boundaries(7, 120)).containsExactly(0, 7);
    }
}
