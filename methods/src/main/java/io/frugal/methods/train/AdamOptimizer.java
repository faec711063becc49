package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.frugal.methods.config.RunConfig.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with bias correction, written with in-place array ops so that its whole state (first and
 * second moments, step count) is ours to checkpoint. Same update as the Keras optimizer the HVC
 * reference code trains with:
 * {@code lr_t = lr·√(1−β2^t)/(1−β1^t);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
 * θ ← θ − lr_t·m/(√v + ε)} (ε added to √v, not bias-corrected). No weight decay.
 */
final class AdamOptimizer {
    private final List<NDArray> params;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private long steps;

    /** Fresh state (zero moments) for {@code params}, kept in {@code manager}. */
    AdamOptimizer(NDManager manager, List<NDArray> params, OptimizerConfig config) {
        this.params = List.copyOf(params);
        this.beta1 = config.beta1();
        this.beta2 = config.beta2();
        this.epsilon = config.eps();
        for (NDArray p : params) {
            firstMoments.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
            secondMoments.add(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()));
        }
    }

    /** Replaces the state with a checkpoint's. */
    void restore(List<NDArray> m, List<NDArray> v, long steps) {
        for (int i = 0; i < params.size(); i++) {
            replace(firstMoments, i, m.get(i));
            replace(secondMoments, i, v.get(i));
        }
        this.steps = steps;
    }

    private static void replace(List<NDArray> list, int i, NDArray value) {
        NDArray old = list.set(i, value);
        value.attach(old.getManager());
        old.close();
    }

    /** Bias-corrected step size of update number {@code t} (1-based). */
    static double stepSize(double lr, double beta1, double beta2, long t) {
        return lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    }

    /** One update from the parameters' gradients, which are then zeroed for the next batch. */
    void step(double lr) {
        steps++;
        float rate = (float) stepSize(lr, beta1, beta2, steps);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            // Each temporary is closed here: results are created in their operand's manager, which
            // for parameters and moments lives as long as the run.
            try (NDArray g = p.getGradient()) {
                try (NDArray scaled = g.mul(1 - beta1)) {
                    m.muli(beta1).addi(scaled);
                }
                try (NDArray squared = g.square()) {
                    v.muli(beta2).addi(squared.muli(1 - beta2));
                }
                try (NDArray denominator = v.sqrt()) {
                    denominator.addi(epsilon);
                    try (NDArray update = m.div(denominator)) {
                        p.subi(update.muli(rate));
                    }
                }
                g.subi(g);
            }
        }
    }

    long steps() {
        return steps;
    }

    List<NDArray> firstMoments() {
        return firstMoments;
    }

    List<NDArray> secondMoments() {
        return secondMoments;
    }
}
