package io.frugal.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values for the rows of one table, which controls the
 * family-wise error rate without assuming the tests independent. NaN entries (rows that were not
 * tested) stay NaN and do not count towards the family size.
 */
public final class Holm {
    private Holm() {}

    public static double[] adjust(double[] p) {
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i]))
                .boxed().sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        int m = order.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            // The k-th smallest p is multiplied by the number of hypotheses still in play; taking the
            // running maximum keeps adjusted values in the same order as the raw ones.
            running = Math.max(running, Math.min(1.0, (m - k) * p[order[k]]));
            out[order[k]] = running;
        }
        return out;
    }
}
