package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Observables of generated samples, accumulated batch by batch: the fraction p̂ in the +μ mode
 * (⟨X, μ⟩ > 0), its Wilson 95 % interval, and the within-mode variance (per-coordinate variance
 * around each mode's own sample mean, pooled over coordinates and both modes; target σ²).
 */
public final class SampleStats {
    private static final double Z95 = 1.959963984540054;
    private final int d;
    private long plus;
    private long total;
    private final double[][] sum;
    private final double[][] sumSq;
    private final long[] count = new long[2];

    public SampleStats(int d) {
        this.d = d;
        sum = new double[2][d];
        sumSq = new double[2][d];
    }

    /** Adds a batch (M, d) of final samples. */
    public void add(NDArray x) {
        long m = x.getShape().get(0);
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray x64 = x.toType(DataType.FLOAT64, true);
            x64.attach(scope);                       // everything computed from it lives in scope
            NDArray plusMask = x64.sum(new int[] {1}).gt(0).toType(DataType.FLOAT64, false);
            NDArray minusMask = plusMask.neg().addi(1);
            NDArray squares = x64.square();
            NDArray[] masks = {plusMask, minusMask};
            for (int mode = 0; mode < 2; mode++) {
                NDArray row = masks[mode].reshape(1, m);
                double[] s = row.matMul(x64).toDoubleArray();
                double[] q = row.matMul(squares).toDoubleArray();
                for (int j = 0; j < d; j++) {
                    sum[mode][j] += s[j];
                    sumSq[mode][j] += q[j];
                }
                count[mode] += Math.round(masks[mode].sum().getDouble());
            }
        }
        total += m;
        plus = count[0];
    }

    public long total() {
        return total;
    }

    public double plusFraction() {
        return total == 0 ? Double.NaN : (double) plus / total;
    }

    /** Wilson score interval at 95 % for the +μ fraction: {low, high}. */
    public double[] wilson95() {
        return wilson(plus, total, Z95);
    }

    static double[] wilson(long successes, long n, double z) {
        double phat = (double) successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (phat + z2 / (2.0 * n)) / denom;
        double half = z / denom * Math.sqrt(phat * (1 - phat) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Pooled within-mode variance; NaN with fewer than two samples in both modes together beyond one each. */
    public double withinModeVariance() {
        double ss = 0;
        long dof = 0;
        for (int mode = 0; mode < 2; mode++) {
            if (count[mode] < 2) continue;
            for (int j = 0; j < d; j++) ss += sumSq[mode][j] - sum[mode][j] * sum[mode][j] / count[mode];
            dof += (count[mode] - 1) * (long) d;
        }
        return dof == 0 ? Double.NaN : ss / dof;
    }
}
