package io.frugal.methods.flow;

/**
 * Summary of the T learned networks: c_k, m_k = ⟨u_k, μ⟩/d, ω_k = ⟨w_k, μ⟩/d and b_k, after the
 * sign normalisation (u_k, w_k, b_k) → −(u_k, w_k, b_k) wherever m_k < 0 (f_k does not change,
 * tanh being odd), so that m_k ≥ 0 and the curves of runs can be compared.
 */
public record LearnedParameters(double[] c, double[] m, double[] omega, double[] b) {
    static LearnedParameters of(FlowNetworks networks) {
        int t = networks.count;
        int d = networks.dimension;
        float[] c = FlowNetworks.values(networks.c);
        float[] b = FlowNetworks.values(networks.bias);
        float[] u = FlowNetworks.values(networks.u);
        float[] w = FlowNetworks.values(networks.w);
        double[] cs = new double[t];
        double[] ms = new double[t];
        double[] os = new double[t];
        double[] bs = new double[t];
        for (int k = 0; k < t; k++) {
            double su = 0;
            double sw = 0;
            for (int j = 0; j < d; j++) {
                su += u[k * d + j];
                sw += w[k * d + j];
            }
            double sign = su < 0 ? -1 : 1;
            cs[k] = c[k];
            ms[k] = sign * su / d;
            os[k] = sign * sw / d;
            bs[k] = sign * b[k];
        }
        return new LearnedParameters(cs, ms, os, bs);
    }
}
