package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByolHeadsTest {

    @Test
    void hiddenLayerIsTwiceTheFeatureDimensionAndOutputIs256() {
        ByolMlp proj = ByolMlp.projector(512, 1);
        ByolMlp pred = ByolMlp.predictor(512, 1);
        assertThat(proj.hiddenDim()).isEqualTo(1024);
        assertThat(pred.hiddenDim()).isEqualTo(1024);
        assertThat(pred.inputDim()).isEqualTo(256);
        assertThat(ByolMlp.projector(2048, 1).hiddenDim()).isEqualTo(4096);
        try (NDManager m = NDManager.newBaseManager()) {
            proj.initialize(m, DataType.FLOAT32, new Shape(4, 512));
            pred.initialize(m, DataType.FLOAT32, new Shape(4, 256));
            // 512·1024 + 1024 (fc1) + 2·1024 (BN scale, shift) + 1024·256 + 256 (fc2)
            assertThat(Backbone.trainableParameterCount(proj)).isEqualTo(789_760L);
            assertThat(Backbone.trainableParameterCount(pred)).isEqualTo(256L * 1024 + 1024 + 2048 + 1024L * 256 + 256);
            NDArray h = m.randomUniform(0, 1, new Shape(4, 512));
            ParameterStore store = new ParameterStore(m, false);
            NDArray z = proj.forward(store, new NDList(h), true).singletonOrThrow();
            NDArray p = pred.forward(store, new NDList(z), true).singletonOrThrow();
            assertThat(z.getShape()).isEqualTo(new Shape(4, 256));
            assertThat(p.getShape()).isEqualTo(new Shape(4, 256));
        }
    }

    @Test
    void symmetricLossMatchesAHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p1 = m.create(new float[] {1, 0, 0, 2}, new Shape(2, 2));
            NDArray z2 = m.create(new float[] {1, 1, 0, -3}, new Shape(2, 2));
            NDArray p2 = m.create(new float[] {3, 4, 1, 0}, new Shape(2, 2));
            NDArray z1 = m.create(new float[] {4, 3, 0, 5}, new Shape(2, 2));
            // cos(p1,z2) = 1/√2 and -1; cos(p2,z1) = 24/25 and 0
            double expected = ((2 - 2 / Math.sqrt(2)) + (2 - 2 * 24.0 / 25) + (2 + 2) + (2 - 0)) / 2;
            assertThat((double) ByolLoss.symmetric(p1, p2, z1, z2).getFloat()).isCloseTo(expected, within(1e-6));
            // identical directions give 0; scale does not matter
            assertThat(ByolLoss.symmetric(p1, p1, p1.mul(3), p1.mul(0.5)).getFloat()).isCloseTo(0f, within(1e-6f));
        }
    }

    @Test
    void alignmentLossMatchesAHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = m.create(new float[] {0, 1, 1, 0}, new Shape(2, 2));
            NDArray a1 = m.create(new float[] {0, 5, -1, 0}, new Shape(2, 2)); // cos 1, -1
            NDArray a2 = m.create(new float[] {1, 1, 0, 1}, new Shape(2, 2));  // cos 1/√2, 0
            double expected = (0.5 * ((1 - 1) + (1 - 1 / Math.sqrt(2))) + 0.5 * ((1 + 1) + (1 - 0))) / 2;
            assertThat((double) ByolLoss.alignment(a1, a2, y).getFloat()).isCloseTo(expected, within(1e-6));
            // an all-zero prediction row gives cosine 0 (loss 1 for that row), not NaN
            NDArray zero = m.zeros(new Shape(2, 2));
            assertThat(ByolLoss.alignment(zero, zero, y).getFloat()).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void targetsReceiveNoGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p1 = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray p2 = m.create(new float[] {-1, 2, 0, 4}, new Shape(2, 2));
            NDArray z1 = m.create(new float[] {2, 1, 1, 1}, new Shape(2, 2));
            NDArray z2 = m.create(new float[] {0, 1, 3, -1}, new Shape(2, 2));
            for (NDArray a : List.of(p1, p2, z1, z2)) a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(ByolLoss.symmetric(p1, p2, z1, z2));
            }
            assertThat(p1.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(p2.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(z1.getGradient().abs().sum().getFloat()).isEqualTo(0f);
            assertThat(z2.getGradient().abs().sum().getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void movingAverageUpdateIsExactlyMTimesTargetPlusOneMinusMTimesOnline() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] t = {1f, -2f, 0.3f, 1e-3f, 7f, 0f};
            float[] o = {0.5f, 4f, -0.3f, 2f, 7f, 1f};
            NDArray target = m.create(t, new Shape(2, 3));
            NDArray online = m.create(o, new Shape(2, 3));
            NDArray target2 = m.create(new float[] {5f});
            NDArray online2 = m.create(new float[] {-5f});
            for (int step = 0; step < 3; step++) {
                MovingAverage.update(List.of(target, target2), List.of(online, online2), MovingAverage.MOMENTUM);
                // float32, the order the engine computes: (t·m) + (o·(1 − m)), each rounded once
                for (int i = 0; i < t.length; i++) t[i] = t[i] * 0.99f + o[i] * (float) (1 - 0.99);
            }
            assertThat(target.toFloatArray()).containsExactly(t);
            assertThat(online.toFloatArray()).containsExactly(o);
            float s = 5f;
            for (int step = 0; step < 3; step++) s = s * 0.99f + -5f * (float) (1 - 0.99);
            assertThat(target2.getFloat()).isEqualTo(s);
            // momentum 0 copies, 1 keeps
            MovingAverage.update(List.of(target), List.of(online), 1.0);
            assertThat(target.toFloatArray()).containsExactly(t);
            MovingAverage.update(List.of(target), List.of(online), 0.0);
            assertThat(target.toFloatArray()).containsExactly(o);
        }
    }

    @Test
    void targetNetworkStartsAsACopyAndFollowsTheOnlineOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            ByolMlp online = ByolMlp.projector(8, 1);
            ByolMlp target = ByolMlp.projector(8, 2);
            online.initialize(m, DataType.FLOAT32, new Shape(2, 8));
            target.initialize(m, DataType.FLOAT32, new Shape(2, 8));
            List<NDArray> on = MovingAverage.trainedArrays(online);
            List<NDArray> tg = MovingAverage.trainedArrays(target);
            assertThat(on).hasSize(6); // two weights, two biases, BN scale and shift
            assertThat(tg.get(0).toFloatArray()).isNotEqualTo(on.get(0).toFloatArray());
            MovingAverage.copy(tg, on);
            for (int i = 0; i < on.size(); i++) assertThat(tg.get(i).toFloatArray()).containsExactly(on.get(i).toFloatArray());
            ByolMlp other = ByolMlp.projector(4, 1);
            other.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            assertThatThrownBy(() -> MovingAverage.update(MovingAverage.trainedArrays(other), on, 0.99))
                    .hasMessageContaining("parameter 0");
        }
    }
}
