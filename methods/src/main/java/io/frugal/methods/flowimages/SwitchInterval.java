package io.frugal.methods.flowimages;

/**
 * Where the U-turn decides the class. For starts from class b, f(t0) = the fraction that ends as
 * class a rises from 0 (t0 near 1: little noise, the class survives) to the model's own share of
 * a, L (t0 near 0: pure noise). The switch interval is [lo, hi]: hi the largest grid t0 with
 * f ≥ 5 % of L, lo the largest grid t0 with f ≥ 95 % of L. On the paper's MNIST table
 * (L = 0.882) this gives [0.20, 0.50]; the paper reads its window as [0.2, 0.6].
 */
record SwitchInterval(double lo, double hi) {
    /** {@code times} in any order with {@code fromB[i]} at {@code times[i]}; null if f never reaches 5 % / 95 % of L. */
    static SwitchInterval of(double[] times, double[] fromB, double ownShare) {
        double hi = Double.NaN;
        double lo = Double.NaN;
        for (int i = 0; i < times.length; i++) {
            if (fromB[i] >= 0.05 * ownShare && !(times[i] <= hi)) hi = times[i];
            if (fromB[i] >= 0.95 * ownShare && !(times[i] <= lo)) lo = times[i];
        }
        if (Double.isNaN(hi) || Double.isNaN(lo) || !(ownShare > 0)) return null;
        return new SwitchInterval(lo, hi);
    }
}
