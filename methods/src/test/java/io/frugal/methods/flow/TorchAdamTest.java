package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorchAdamTest {
    @Test
    void weightDecayIsAnL2TermInsideTheMomentsAsInTorchOptimAdam() {
        // reference: torch.optim.Adam's documented algorithm, in double precision
        double lr = 0.01;
        double wd = 0.3; // large, so that L2-in-gradient and decoupled decay differ clearly
        double[] theta = {0.5, -1.5};
        double[][] grads = {{0.2, -0.1}, {0.05, 0.4}, {-0.3, 0.0}};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(theta.clone()).toType(DataType.FLOAT64, false);
            TorchAdam adam = new TorchAdam(m, List.of(p), new double[] {wd}, lr);
            double[] ref = theta.clone();
            double[] mom = new double[2];
            double[] vel = new double[2];
            for (int t = 1; t <= grads.length; t++) {
                adam.step(List.of(m.create(grads[t - 1].clone())));
                for (int j = 0; j < 2; j++) {
                    double g = grads[t - 1][j] + wd * ref[j];
                    mom[j] = 0.9 * mom[j] + 0.1 * g;
                    vel[j] = 0.999 * vel[j] + 0.001 * g * g;
                    double denom = Math.sqrt(vel[j]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                    ref[j] -= lr / (1 - Math.pow(0.9, t)) * mom[j] / denom;
                }
            }
            double[] got = p.toDoubleArray();
            for (int j = 0; j < 2; j++) assertThat(got[j]).isCloseTo(ref[j], within(1e-12));
            assertThat(adam.steps()).isEqualTo(3);
        }
    }
}
