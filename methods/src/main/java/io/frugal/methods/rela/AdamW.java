package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as PyTorch's {@code torch.optim.AdamW} computes it (decoupled weight decay, bias-corrected
 * moments, ε added to the corrected √v): θ ← θ·(1 − lr·wd); m ← β1·m + (1 − β1)·g;
 * v ← β2·v + (1 − β2)·g²; θ ← θ − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε). Each parameter has
 * its own step count t, as in PyTorch, where a parameter without a gradient is skipped: ReLA's phase
 * trains the backbone (and a learned map) only, BYOL's the backbone, projector and predictor, and a
 * parameter that sat out a phase is neither decayed nor counted. The whole state is ours to checkpoint.
 */
final class AdamW {
    private final List<NDArray> params;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final long[] steps;
    private final ByolConfig.Optimizer config;

    AdamW(NDManager manager, List<NDArray> params, ByolConfig.Optimizer config) {
        this.params = List.copyOf(params);
        this.config = config;
        this.steps = new long[params.size()];
        for (NDArray p : params) {
            first.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
            second.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
        }
    }

    List<NDArray> params() {
        return params;
    }

    List<NDArray> firstMoments() {
        return first;
    }

    List<NDArray> secondMoments() {
        return second;
    }

    long[] steps() {
        return steps;
    }

    void restore(List<float[]> m, List<float[]> v, long[] savedSteps) {
        for (int i = 0; i < params.size(); i++) {
            first.get(i).set(m.get(i));
            second.get(i).set(v.get(i));
        }
        System.arraycopy(savedSteps, 0, steps, 0, steps.length);
    }

    /** One update of the parameters whose indices are in {@code active}; their gradients are zeroed after. */
    void step(boolean[] active) {
        double lr = config.lr();
        double b1 = config.beta1();
        double b2 = config.beta2();
        for (int i = 0; i < params.size(); i++) {
            if (!active[i]) continue;
            long t = ++steps[i];
            NDArray p = params.get(i);
            NDArray m = first.get(i);
            NDArray v = second.get(i);
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            try (NDArray g = p.getGradient()) {
                if (config.weightDecay() > 0) p.muli(1 - lr * config.weightDecay());
                try (NDArray scaled = g.mul(1 - b1)) {
                    m.muli(b1).addi(scaled);
                }
                try (NDArray squared = g.square()) {
                    v.muli(b2).addi(squared.muli(1 - b2));
                }
                try (NDArray denominator = v.sqrt()) {
                    denominator.divi(Math.sqrt(bc2)).addi(config.eps());
                    try (NDArray update = m.div(denominator)) {
                        p.subi(update.muli(lr / bc1));
                    }
                }
                g.subi(g);
            }
        }
    }

    /** Zeroes gradients of parameters that will not be stepped (a phase's unused ones), so none carries over. */
    void zeroGradients(boolean[] inactive) {
        for (int i = 0; i < params.size(); i++) {
            if (!inactive[i]) continue;
            try (NDArray g = params.get(i).getGradient()) {
                g.subi(g);
            }
        }
    }
}
