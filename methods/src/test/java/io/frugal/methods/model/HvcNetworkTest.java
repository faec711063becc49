package io.frugal.methods.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.frugal.core.BadInputException;
import io.frugal.methods.data.Datasets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HvcNetworkTest {

    @ParameterizedTest
    @CsvSource({"mnist, 1510000", "cifar10, 1950000", "smallnorb, 1830000"})
    void fullWidthNetworkHasThePublishedParameterCount(String dataset, long published) {
        HvcSpec spec = HvcSpec.forDataset(Datasets.info(dataset), 1.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            HvcNetwork net = HvcNetwork.create(spec, 1);
            net.initialize(manager, DataType.FLOAT32, net.inputShape(2));
            long count = HvcNetwork.trainableParameterCount(net);
            assertThat((double) count).isCloseTo(published, within(published * 0.01));
        }
    }

    @Test
    void smallNorbUsesElevenConvolutionsAndBranchesAfterFiveEightEleven() {
        HvcSpec spec = HvcSpec.forDataset(Datasets.info("smallnorb"), 1.0);
        assertThat(spec.convs()).isEqualTo(11);
        int[] branchPoints = java.util.stream.IntStream.range(0, 11).filter(spec::branchesAfter).map(i -> i + 1).toArray();
        assertThat(branchPoints).containsExactly(5, 8, 11);
        HvcSpec mnist = HvcSpec.forDataset(Datasets.info("mnist"), 0.25);
        assertThat(java.util.stream.IntStream.range(0, 9).filter(mnist::branchesAfter).map(i -> i + 1).toArray()).containsExactly(3, 6, 9);
        assertThat(mnist.filters(0)).isEqualTo(8);
        assertThat(mnist.filters(8)).isEqualTo(40);
        assertThat(HvcSpec.forDataset(Datasets.info("mnist"), 0.001).filters(0)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"mnist", "cifar10", "smallnorb"})
    void forwardGivesOneLogitPerClassInBothModes(String dataset) {
        HvcSpec spec = HvcSpec.forDataset(Datasets.info(dataset), 0.125);
        try (NDManager manager = NDManager.newBaseManager()) {
            HvcNetwork net = HvcNetwork.create(spec, 3);
            net.initialize(manager, DataType.FLOAT32, net.inputShape(4));
            NDArray x = manager.randomUniform(0, 1, net.inputShape(4));
            ParameterStore store = new ParameterStore(manager, false);
            for (boolean training : new boolean[] {true, false}) {
                NDArray logits = net.forward(store, new NDList(x), training).singletonOrThrow();
                assertThat(logits.getShape()).isEqualTo(new Shape(4, spec.classes()));
                assertThat(logits.isNaN().any().getBoolean()).isFalse();
            }
        }
    }

    @Test
    void initialisationDependsOnlyOnTheSeed() {
        HvcSpec spec = HvcSpec.forDataset(Datasets.info("mnist"), 0.125);
        assertThat(initialWeights(spec, 7)).isEqualTo(initialWeights(spec, 7));
        assertThat(initialWeights(spec, 7)).isNotEqualTo(initialWeights(spec, 8));
    }

    private static float[] initialWeights(HvcSpec spec, long seed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            // a different engine seed each time: it must not matter
            ai.djl.engine.Engine.getInstance().setRandomSeed((int) System.nanoTime());
            HvcNetwork net = HvcNetwork.create(spec, seed);
            net.initialize(manager, DataType.FLOAT32, net.inputShape(1));
            float[][] parts = net.getParameters().values().stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
            int total = Arrays.stream(parts).mapToInt(a -> a.length).sum();
            float[] all = new float[total];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            return all;
        }
    }

    @Test
    void classCapsulesAreElementWiseProductsSummedOverCapsules() {
        // One 1x2x2 feature map of D=2 channels: 4 capsules; 3 classes. Compare with the definition.
        try (NDManager manager = NDManager.newBaseManager()) {
            HvcCapsules layer = new HvcCapsules(3, 4, 5, "test");
            Shape in = new Shape(2, 2, 2, 2);
            layer.initialize(manager, DataType.FLOAT32, in);
            float[] x = new float[16];
            for (int i = 0; i < x.length; i++) x[i] = (i % 5) - 1.5f;
            Parameter w = layer.getDirectParameters().get("weight");
            float[] wv = w.getArray().toFloatArray(); // [C=3, K=4, D=2]
            ParameterStore store = new ParameterStore(manager, false);
            // inference mode with fresh running stats (mean 0, var 1): BN is x / sqrt(1 + eps)
            float[] logits = layer.forward(store, new NDList(manager.create(x, in)), false).singletonOrThrow().toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    double norm2 = 0;
                    for (int d = 0; d < 2; d++) {
                        double s = 0;
                        for (int k = 0; k < 4; k++) s += x[(b * 2 + d) * 4 + k] * wv[(c * 4 + k) * 2 + d];
                        double v = Math.max(0, s / Math.sqrt(1 + 1e-5));
                        norm2 += v * v;
                    }
                    assertThat((double) logits[b * 3 + c]).isCloseTo(Math.sqrt(norm2 + 1e-7), within(1e-5));
                }
            }
        }
    }

    @Test
    void tooSmallInputIsBadInput() {
        assertThatThrownBy(() -> new HvcSpec(1, 16, 16, 10, 9, 1.0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("too small for 9");
    }
}
