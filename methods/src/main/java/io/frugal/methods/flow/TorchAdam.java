package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam exactly as torch.optim.Adam (non-amsgrad) computes it, including its weight_decay, which is
 * an L2 term added to the gradient (g ← g + λθ) before the moments, not AdamW's decoupled decay:
 * the authors' code passes weight_decay to torch.optim.Adam.
 * <pre>
 *   g ← g + λ·θ;  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 *   θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 * with β = (0.9, 0.999), ε = 1e-8 (PyTorch's defaults). λ is per parameter (the flow model decays
 * u and w only). The state (m, v, t) is ours to checkpoint.
 */
final class TorchAdam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final List<NDArray> params;
    private final double[] weightDecay;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final double lr;
    private long steps;

    TorchAdam(NDManager manager, List<NDArray> params, double[] weightDecay, double lr) {
        this.params = List.copyOf(params);
        this.weightDecay = weightDecay.clone();
        this.lr = lr;
        for (NDArray p : params) {
            m.add(manager.zeros(p.getShape(), p.getDataType()));
            v.add(manager.zeros(p.getShape(), p.getDataType()));
        }
    }

    /** One update; {@code grads.get(i)} is the loss gradient of parameter i (consumed: it is changed in place). */
    void step(List<NDArray> grads) {
        steps++;
        double bc1 = 1 - Math.pow(BETA1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, steps));
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = grads.get(i);
            if (weightDecay[i] != 0) {
                try (NDArray decay = p.mul(weightDecay[i])) {
                    g.addi(decay);
                }
            }
            try (NDArray scaled = g.mul(1 - BETA1)) {
                m.get(i).muli(BETA1).addi(scaled);
            }
            g.muli(g).muli(1 - BETA2);
            v.get(i).muli(BETA2).addi(g);
            try (NDArray denom = v.get(i).sqrt()) {
                denom.divi(bc2Sqrt).addi(EPSILON);
                try (NDArray update = m.get(i).div(denom)) {
                    p.subi(update.muli(lr / bc1));
                }
            }
        }
    }

    long steps() {
        return steps;
    }

    List<NDArray> firstMoments() {
        return m;
    }

    List<NDArray> secondMoments() {
        return v;
    }

    /** Continues from a checkpoint's moments and step count. */
    void restore(List<float[]> first, List<float[]> second, long steps) {
        for (int i = 0; i < params.size(); i++) {
            m.get(i).set(java.nio.FloatBuffer.wrap(first.get(i)));
            v.get(i).set(java.nio.FloatBuffer.wrap(second.get(i)));
        }
        this.steps = steps;
    }
}
