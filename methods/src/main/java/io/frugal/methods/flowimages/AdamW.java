package io.frugal.methods.flowimages;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as PyTorch defines it (decoupled weight decay: θ ← θ − lr·λ·θ, then the bias-corrected
 * Adam step θ ← θ − lr·m̂/(√v̂ + ε)), with its whole state ours to checkpoint. β = (0.9, 0.999),
 * ε = 1e-8, PyTorch's defaults.
 */
final class AdamW {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final List<NDArray> params;
    final List<NDArray> m = new ArrayList<>();
    final List<NDArray> v = new ArrayList<>();
    private final double weightDecay;
    long steps;

    AdamW(NDManager manager, List<NDArray> params, double weightDecay) {
        this.params = List.copyOf(params);
        this.weightDecay = weightDecay;
        for (NDArray p : params) {
            m.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
            v.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
        }
    }

    void restore(List<float[]> firstMoments, List<float[]> secondMoments, long steps) {
        for (int i = 0; i < params.size(); i++) {
            m.get(i).set(java.nio.FloatBuffer.wrap(firstMoments.get(i)));
            v.get(i).set(java.nio.FloatBuffer.wrap(secondMoments.get(i)));
        }
        this.steps = steps;
    }

    void step(double lr) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        float rate = (float) (lr / c1);
        float decay = (float) (1 - lr * weightDecay);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray mi = m.get(i);
            NDArray vi = v.get(i);
            try (NDArray g = p.getGradient()) {
                try (NDArray scaled = g.mul(1 - BETA1)) {
                    mi.muli(BETA1).addi(scaled);
                }
                try (NDArray squared = g.square()) {
                    vi.muli(BETA2).addi(squared.muli(1 - BETA2));
                }
                if (weightDecay > 0) p.muli(decay);
                try (NDArray corrected = vi.div(c2); NDArray denominator = corrected.sqrt()) {
                    denominator.addi(EPS);
                    try (NDArray update = mi.div(denominator)) {
                        p.subi(update.muli(rate));
                    }
                }
                g.subi(g);
            }
        }
    }

    /** Linear warm-up to lr over {@code warmup} steps, then a cosine decay to 0 at the last step. */
    static double lrAt(double lr, long step, long warmup, long total) {
        if (step < warmup) return lr * (step + 1) / warmup;
        double progress = total <= warmup ? 1 : (double) (step - warmup) / (total - warmup);
        return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
