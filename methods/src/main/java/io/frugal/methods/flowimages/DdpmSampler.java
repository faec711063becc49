package io.frugal.methods.flowimages;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.frugal.core.random.SeededRandom;

/**
 * Ancestral DDPM sampling on an evenly spaced grid of diffusion times from s0 down to 0, for the
 * VP schedule: with ᾱ = τ², a step from s_k to s_(k−1) (α = ᾱ_k/ᾱ_(k−1)) is
 * x ← (x − (1 − α)/√(1 − ᾱ_k)·ε̂)/√α + σ_k·z, σ_k² = (1 − ᾱ_(k−1))/(1 − ᾱ_k)·(1 − α); the last
 * step lands on s = 0 with σ = 0 (the denoised estimate). The noise z of image i at step k comes
 * from its own stream (purpose, i, k), so results do not depend on how images are batched.
 */
final class DdpmSampler {
    private static final int BATCH = 250;

    private final Denoiser network;
    private final ParameterStore store;
    private final VpSchedule schedule;
    private final int side;

    DdpmSampler(Denoiser network, ParameterStore store, VpSchedule schedule, int side) {
        this.network = network;
        this.store = store;
        this.schedule = schedule;
        this.side = side;
    }

    /**
     * Integrates {@code count} images x (at diffusion time s0, side² floats each, in place) back to
     * s = 0 in {@code steps} steps; returns the images clipped to [−1, 1].
     */
    float[] integrate(float[] x, int count, double s0, int steps, long seed, String purpose, NDManager parent) {
        int size = side * side;
        float[] out = new float[count * size];
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            float[] chunk = java.util.Arrays.copyOfRange(x, start * size, (start + n) * size);
            for (int k = steps; k >= 1; k--) {
                double sk = s0 * k / steps;
                double sPrev = s0 * (k - 1) / steps;
                double abK = schedule.alphaBar(sk);
                double abPrev = schedule.alphaBar(sPrev);
                double alpha = abK / abPrev;
                float[] eps = predict(chunk, n, sk, parent);
                double c = (1 - alpha) / Math.sqrt(1 - abK);
                double inv = 1 / Math.sqrt(alpha);
                double sigma = k == 1 ? 0 : Math.sqrt((1 - abPrev) / (1 - abK) * (1 - alpha));
                for (int i = 0; i < n; i++) {
                    SeededRandom z = sigma > 0 ? SeededRandom.of(seed, purpose, start + i, k) : null;
                    for (int j = 0; j < size; j++) {
                        int at = i * size + j;
                        double v = (chunk[at] - c * eps[at]) * inv;
                        if (z != null) v += sigma * z.nextGaussian();
                        chunk[at] = (float) v;
                    }
                }
            }
            for (int j = 0; j < n * size; j++) out[start * size + j] = Math.max(-1f, Math.min(1f, chunk[j]));
        }
        return out;
    }

    private float[] predict(float[] x, int n, double s, NDManager parent) {
        double[] times = new double[n];
        java.util.Arrays.fill(times, s);
        try (NDManager m = parent.newSubManager()) {
            NDArray in = m.create(x, new Shape(n, 1, side, side));
            NDArray t = m.create(Denoiser.timeFeatures(times, network.timeFeatures()), new Shape(n, network.timeFeatures()));
            return network.forward(store, new NDList(in, t), false).singletonOrThrow().toFloatArray();
        }
    }

    /** Pure noise at s = 1, image i from stream (purpose, i). */
    static float[] noise(int count, int size, long seed, String purpose) {
        float[] out = new float[count * size];
        for (int i = 0; i < count; i++) {
            SeededRandom r = SeededRandom.of(seed, purpose, i);
            for (int j = 0; j < size; j++) out[i * size + j] = (float) r.nextGaussian();
        }
        return out;
    }

    /** x_s = √(1 − τ²)·ε + τ·x0, image i's ε from stream (purpose, i). */
    float[] noised(float[] x0, int count, double s, long seed, String purpose) {
        int size = side * side;
        double tau = schedule.tau(s);
        double sd = Math.sqrt(1 - tau * tau);
        float[] out = new float[count * size];
        for (int i = 0; i < count; i++) {
            SeededRandom r = SeededRandom.of(seed, purpose, i);
            for (int j = 0; j < size; j++) out[i * size + j] = (float) (sd * r.nextGaussian() + tau * x0[i * size + j]);
        }
        return out;
    }
}
