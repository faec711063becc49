package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;

/** A denoiser x ↦ E[x1 | x_t = x] at grid point k (time t), applied to a batch X of shape (M, d). */
public interface Field {
    /** The denoised batch, a new array in X's manager. */
    NDArray denoise(NDArray x, int k, double t);

    /** The exact Bayes denoiser of {@code mixture} (it uses t, not k: it works on any grid). */
    static Field exact(GaussianMixture mixture, TimeSchedule schedule) {
        return (x, k, t) -> {
            double a = schedule.a(t);
            double b = schedule.b(t);
            double gamma = mixture.gamma(a, b);
            try (NDArray projection = x.sum(new int[] {1}, true)) {      // ⟨x, μ⟩ with μ = 1_d, (M, 1)
                NDArray shift = projection.muli(b / gamma).addi(mixture.halfLogOdds()).tanh().muli(a * a / gamma);
                NDArray out = x.mul(mixture.linearCoefficient(a, b));
                out.addi(shift);
                shift.close();
                return out;
            }
        };
    }

    /** The learned networks: network k at grid point k. */
    static Field learned(FlowNetworks networks) {
        int d = networks.dimension;
        float[] c = FlowNetworks.values(networks.c);
        float[] b = FlowNetworks.values(networks.bias);
        double rootD = Math.sqrt(d);
        return (x, k, t) -> {
            try (NDArray w = networks.w.get(k).reshape(d, 1); NDArray u = networks.u.get(k).reshape(1, d)) {
                NDArray pre = x.matMul(w);                                  // (M, 1)
                pre.divi(rootD).addi(b[k]);
                try (NDArray phi = pre.tanh(); NDArray outer = phi.matMul(u)) {
                    pre.close();
                    NDArray out = x.mul(c[k]);
                    out.addi(outer);
                    return out;
                }
            }
        };
    }
}
