package io.frugal.methods.rela;

import io.frugal.core.random.SeededRandom;

/**
 * The linear probe every ReLA table reports: a softmax-regression layer (d → classes, with bias) on
 * frozen, un-augmented backbone features, trained with Adam (β 0.9/0.999, ε 1e-8) on mini-batches in
 * a fresh seeded order per epoch, test top-1 after every epoch. Features are standardised with the
 * training features' per-dimension mean and standard deviation first (a fixed affine map, which a
 * linear layer could absorb; it makes Adam's fixed learning rate mean the same for every backbone).
 * Plain Java in double: the features are small (N × d) and the result is exactly reproducible.
 */
public final class LinearProbe {
    private LinearProbe() {}

    /** Test top-1 after each epoch. */
    public static double[] train(float[] trainX, int[] trainY, float[] testX, int[] testY, int d, int classes,
                                 ByolConfig.Probe probe, long seed) {
        int n = trainY.length;
        int nt = testY.length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += trainX[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double e = trainX[i * d + j] - mean[j]; sd[j] += e * e; }
        for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] / n) + 1e-6;
        double[] x = standardised(trainX, n, d, mean, sd);
        double[] xt = standardised(testX, nt, d, mean, sd);
        int p = (d + 1) * classes; // row c: weights of class c, then its bias
        double[] w = new double[p];
        SeededRandom init = SeededRandom.of(seed, "probe-init");
        double bound = 1 / Math.sqrt(d);
        for (int i = 0; i < p; i++) w[i] = init.uniform(-bound, bound);
        double[] m = new double[p], v = new double[p], g = new double[p];
        double[] logits = new double[classes];
        double[] top1 = new double[probe.epochs()];
        long t = 0;
        for (int epoch = 0; epoch < probe.epochs(); epoch++) {
            int[] order = SeededRandom.of(seed, "probe-order", epoch).permutation(n);
            for (int from = 0; from < n; from += probe.batchSize()) {
                int to = Math.min(n, from + probe.batchSize());
                java.util.Arrays.fill(g, 0);
                for (int b = from; b < to; b++) {
                    int i = order[b];
                    softmax(w, x, i, d, classes, logits);
                    logits[trainY[i]] -= 1;
                    for (int c = 0; c < classes; c++) {
                        double e = logits[c] / (to - from);
                        int row = c * (d + 1);
                        for (int j = 0; j < d; j++) g[row + j] += e * x[i * d + j];
                        g[row + d] += e;
                    }
                }
                t++;
                double bc1 = 1 - Math.pow(0.9, t), bc2 = 1 - Math.pow(0.999, t);
                for (int k = 0; k < p; k++) {
                    m[k] = 0.9 * m[k] + 0.1 * g[k];
                    v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
                    w[k] -= probe.lr() * (m[k] / bc1) / (Math.sqrt(v[k] / bc2) + 1e-8);
                }
            }
            int correct = 0;
            for (int i = 0; i < nt; i++) {
                softmax(w, xt, i, d, classes, logits);
                int best = 0;
                for (int c = 1; c < classes; c++) if (logits[c] > logits[best]) best = c;
                if (best == testY[i]) correct++;
            }
            top1[epoch] = (double) correct / nt;
        }
        return top1;
    }

    private static double[] standardised(float[] f, int n, int d, double[] mean, double[] sd) {
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) out[i * d + j] = (f[i * d + j] - mean[j]) / sd[j];
        return out;
    }

    private static void softmax(double[] w, double[] x, int i, int d, int classes, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            int row = c * (d + 1);
            double s = w[row + d];
            for (int j = 0; j < d; j++) s += w[row + j] * x[i * d + j];
            out[c] = s;
            max = Math.max(max, s);
        }
        double total = 0;
        for (int c = 0; c < classes; c++) { out[c] = Math.exp(out[c] - max); total += out[c]; }
        for (int c = 0; c < classes; c++) out[c] /= total;
    }

    /** Mean and sample standard deviation of the last {@code k} values. */
    public static double[] lastMeanSd(double[] curve, int k) {
        int from = Math.max(0, curve.length - k);
        int cnt = curve.length - from;
        double mean = 0;
        for (int i = from; i < curve.length; i++) mean += curve[i];
        mean /= cnt;
        double ss = 0;
        for (int i = from; i < curve.length; i++) ss += (curve[i] - mean) * (curve[i] - mean);
        return new double[] {mean, cnt > 1 ? Math.sqrt(ss / (cnt - 1)) : 0};
    }
}
