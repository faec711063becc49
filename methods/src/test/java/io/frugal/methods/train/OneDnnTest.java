package io.frugal.methods.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Convolutions as the HVC network has them (unpadded 3x3, no bias), checked against a plain Java
 * sum: with libtorch's oneDNN kernels, an input of 20 channels (not a multiple of the AVX-512
 * block of 16) gave wrong values in nearly every output on this project's machine; with oneDNN off
 * they are exact on every CPU.
 */
class OneDnnTest {
    @Test
    void convolutionsMatchAPlainSumForChannelCountsOffTheVectorBlock() {
        assertThat(OneDnn.disable()).as("oneDNN switched off through JNA").isTrue();
        Random random = new Random(7);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] c : new int[][] {{20, 24}, {36, 40}, {12, 16}, {16, 20}}) {
                assertThat(maxError(m, random, 32, c[0], c[1], 12)).as("%d -> %d channels", c[0], c[1]).isLessThan(1e-4);
            }
        }
    }

    /** Largest |libtorch − reference| of a [batch, in, size, size] * [out, in, 3, 3] convolution of uniform values. */
    private static double maxError(NDManager m, Random random, int batch, int in, int out, int size) {
        float[] x = new float[batch * in * size * size];
        float[] w = new float[out * in * 9];
        for (int i = 0; i < x.length; i++) x[i] = random.nextFloat();
        for (int i = 0; i < w.length; i++) w[i] = random.nextFloat() - 0.5f;
        float[] y;
        try (NDArray xa = m.create(x, new Shape(batch, in, size, size)); NDArray wa = m.create(w, new Shape(out, in, 3, 3));
             NDArray ya = Conv2d.conv2d(xa, wa, null).singletonOrThrow()) {
            y = ya.toFloatArray();
        }
        int o = size - 2;
        double max = 0;
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < out; k++) {
                for (int r = 0; r < o; r++) {
                    for (int s = 0; s < o; s++) {
                        double sum = 0;
                        for (int c = 0; c < in; c++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    sum += (double) x[((b * in + c) * size + r + i) * size + s + j] * w[((k * in + c) * 3 + i) * 3 + j];
                                }
                            }
                        }
                        double error = Math.abs(y[((b * out + k) * o + r) * o + s] - sum);
                        max = Double.isNaN(error) ? Double.POSITIVE_INFINITY : Math.max(max, error);
                    }
                }
            }
        }
        return max;
    }
}
