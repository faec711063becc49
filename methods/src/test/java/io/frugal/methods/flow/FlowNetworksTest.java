package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.frugal.core.store.Json;
import org.junit.jupiter.api.Test;

class FlowNetworksTest {
    static FlowSettings tiny(int d, int n, int t, String schedule, int steps) {
        return FlowSettings.parse(Json.parse("""
                {"dimension": %d, "points": %d, "grid_size": %d, "schedule": {"type": "%s"}, "steps": %d, "seed": 4,
                 "samples": 500, "checkpoint_every": 7, "eval_every": 5}""".formatted(d, n, t, schedule, steps)), "");
    }

    @Test
    void handWrittenGradientMatchesCentralFiniteDifferencesInFloat64() {
        checkGradient();
    }

    @Test
    void gradientIsAlsoRightWhenTheNetworksAreProcessedInSeveralBlocks() {
        FlowNetworks.blockFloats = 2 * 5 * 6 + 1; // blocks of 2, 2 networks (n = 5, d = 6)
        try {
            assertThat(FlowNetworks.blockSize(4, 5, 6)).isEqualTo(2);
            checkGradient();
        } finally {
            FlowNetworks.blockFloats = FlowNetworks.BLOCK_FLOATS;
        }
    }

    private static void checkGradient() {
        FlowSettings s = tiny(6, 5, 4, "uniform", 1);
        try (NDManager m = NDManager.newBaseManager(); FlowTraining training = new FlowTraining(s, m, DataType.FLOAT64)) {
            double h = 1e-6;
            try (NDManager scope = m.newSubManager(); FlowNetworks.LossAndGradient lg = training.lossAndGradient(scope, 3)) {
                var params = training.networks.parameters();
                int checked = 0;
                for (int i = 0; i < params.size(); i++) {
                    NDArray p = params.get(i);
                    double[] grad = lg.gradients().get(i).toDoubleArray();
                    NDArray flat = p.reshape(-1);
                    for (int j = 0; j < flat.size(); j++) {
                        double v = flat.getDouble(j);
                        set(p, j, v + h);
                        double up = training.loss(3);
                        set(p, j, v - h);
                        double down = training.loss(3);
                        set(p, j, v);
                        double numeric = (up - down) / (2 * h);
                        assertThat(grad[j]).as("d loss / d %s[%d]", FlowNetworks.NAMES.get(i), j).isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
                        checked++;
                    }
                }
                assertThat(checked).isEqualTo(4 + 4 + 24 + 24);
            }
        }
    }

    private static void set(NDArray p, int flatIndex, double value) {
        long cols = p.getShape().dimension() == 1 ? 1 : p.getShape().get(1);
        NDIndex index = p.getShape().dimension() == 1 ? new NDIndex(flatIndex) : new NDIndex(flatIndex / cols, flatIndex % cols);
        p.set(index, value);
    }

    @Test
    void lossIsTheMeanSquaredErrorOfTheFormulaComputedInJava() {
        // an independent double-precision evaluation of f_k on the same noised inputs
        FlowSettings s = tiny(5, 3, 3, "dilated", 1);
        try (NDManager m = NDManager.newBaseManager(); FlowTraining training = new FlowTraining(s, m, DataType.FLOAT64)) {
            double[] x;
            try (NDManager scope = m.newSubManager()) {
                x = training.noisedInputs(scope, 0).toDoubleArray();
            }
            double[] c = training.networks.c.toDoubleArray();
            double[] b = training.networks.bias.toDoubleArray();
            double[] u = training.networks.u.toDoubleArray();
            double[] w = training.networks.w.toDoubleArray();
            float[] x1 = training.data.values();
            int d = 5;
            double sum = 0;
            for (int k = 0; k < 3; k++) for (int i = 0; i < 3; i++) {
                double dot = 0;
                for (int j = 0; j < d; j++) dot += w[k * d + j] * x[(k * 3 + i) * d + j];
                double phi = Math.tanh(b[k] + dot / Math.sqrt(d));
                for (int j = 0; j < d; j++) {
                    double xt = x[(k * 3 + i) * d + j];
                    // the noised input itself: a_k z + b_k x1, with a_k + b_k = 1
                    double r = c[k] * xt + u[k * d + j] * phi - x1[i * d + j];
                    sum += r * r;
                }
            }
            assertThat(training.loss(0)).isCloseTo(sum / (3 * 3 * d), within(1e-12));
        }
    }
}
