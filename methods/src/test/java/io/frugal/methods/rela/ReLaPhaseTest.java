package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.frugal.methods.data.ImageSet;
import org.junit.jupiter.api.Test;

class ReLaPhaseTest {

    @Test
    void frozenMapGetsNoGradientAndALearnedOneDoes() {
        for (boolean frozen : new boolean[] {true, false}) {
            try (NDManager m = NDManager.newBaseManager()) {
                TargetMap map = new TargetMap(6, 4, frozen, 3);
                map.initialize(m, DataType.FLOAT32, new Shape(5, 6));
                assertThat(Backbone.trainableParameterCount(map)).isEqualTo(frozen ? 0 : 6 * 4 + 4);
                NDArray h = m.randomUniform(-1, 1, new Shape(5, 6));
                h.setRequiresGradient(true);
                NDArray y = m.randomUniform(-1, 1, new Shape(5, 4));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray a = map.forward(new ParameterStore(m, false), new NDList(h), true).singletonOrThrow();
                    gc.backward(ByolLoss.alignment(a, a, y));
                }
                // the features always get a gradient (the backbone learns either way)
                assertThat(h.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
                for (Pair<String, Parameter> p : map.getParameters()) {
                    assertThat(p.getValue().requiresGradient()).isEqualTo(!frozen);
                    if (!frozen) assertThat(p.getValue().getArray().getGradient().abs().sum().getFloat()).isGreaterThan(0f);
                }
            }
        }
    }

    @Test
    void sameSeedGivesTheSameMap() {
        try (NDManager m = NDManager.newBaseManager()) {
            TargetMap a = new TargetMap(8, 3, true, 11);
            TargetMap b = new TargetMap(8, 3, true, 11);
            a.initialize(m, DataType.FLOAT32, new Shape(1, 8));
            b.initialize(m, DataType.FLOAT32, new Shape(1, 8));
            float[] wa = a.getParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(b.getParameters().get(0).getValue().getArray().toFloatArray()).containsExactly(wa);
            for (float v : wa) assertThat(Math.abs(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(8)));
        }
    }

    @Test
    void batchNormRunningStatisticsMoveATenthOfTheWayPerStep() {
        // ConvBn promises PyTorch's BatchNorm defaults: running ← 0.9·running + 0.1·batch statistic
        try (NDManager m = NDManager.newBaseManager()) {
            ConvBn cb = new ConvBn(1, "t", 2, 1, 1);
            cb.initialize(m, DataType.FLOAT32, new Shape(4, 1, 3, 3));
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 3, 3));
            cb.forward(new ParameterStore(m, false), new NDList(x), true);
            NDArray kernel = null;
            NDArray runningMean = null;
            for (Pair<String, Parameter> p : cb.getParameters()) {
                if (p.getKey().contains("conv") && p.getKey().endsWith("weight")) kernel = p.getValue().getArray();
                if (p.getKey().endsWith("runningMean")) runningMean = p.getValue().getArray();
            }
            float[] k = kernel.toFloatArray();
            float mean = x.mean().getFloat();
            assertThat(runningMean.toFloatArray()[0]).isCloseTo(0.1f * k[0] * mean, within(1e-5f));
            assertThat(runningMean.toFloatArray()[1]).isCloseTo(0.1f * k[1] * mean, within(1e-5f));
        }
    }

    @Test
    void viewPairFillsTheSameFloatsInParallelAsInOrder() {
        ImageSet set = ViewAugmenterTest.patterned(8, 3, 40);
        ViewPair pair = ViewPair.byol(32);
        int[] idx = {5, 0, 7, 3, 3};
        int size = 3 * 32 * 32;
        float[] a1 = new float[idx.length * size], a2 = new float[idx.length * size];
        float[] b1 = new float[idx.length * size], b2 = new float[idx.length * size];
        pair.fill(set, idx, 4, 2, a1, a2, false);
        pair.fill(set, idx, 4, 2, b1, b2, true);
        assertThat(b1).containsExactly(a1);
        assertThat(b2).containsExactly(a2);
        // slot 0 is image 5's view 1 of epoch 2; the same image twice in a batch gets the same views
        float[] single = new float[size];
        new ViewAugmenter(ViewParams.byol(1, 32), 32).view(set, 5, 4, 2, 1, single, 0);
        assertThat(java.util.Arrays.copyOfRange(a1, 0, size)).containsExactly(single);
        assertThat(java.util.Arrays.copyOfRange(a2, 3 * size, 4 * size)).containsExactly(java.util.Arrays.copyOfRange(a2, 4 * size, 5 * size));
        assertThat(java.util.Arrays.copyOfRange(a1, 0, size)).isNotEqualTo(java.util.Arrays.copyOfRange(a2, 0, size));
    }
}
