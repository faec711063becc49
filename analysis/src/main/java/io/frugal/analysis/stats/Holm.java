package io.frugal.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of p-values for the rows of one table, which controls the
 * family-wise error rate without assuming the tests independent.
 *
 * <p>The family is exactly the rows a report's footnote names. With {@link #adjust(double[], boolean[])}
 * the caller names them; a member whose p could not be computed (a Welch test with no spread on
 * either side) still counts in the family size m, as if its p were 1: it is a hypothesis the table
 * states, and leaving it out would make the other rows' adjusted p too small. Its adjusted p stays
 * NaN. {@link #adjust(double[])} is for a family given as exactly its non-NaN entries.
 */
public final class Holm {
    private Holm() {}

    /** The family is the non-NaN entries; NaN entries stay NaN and do not count towards m. */
    public static double[] adjust(double[] p) {
        boolean[] member = new boolean[p.length];
        for (int i = 0; i < p.length; i++) member[i] = !Double.isNaN(p[i]);
        return adjust(p, member);
    }

    /**
     * Adjusted p-values of the members ({@code inFamily[i]}); m is the number of members, NaN ones
     * included. Non-members and NaN members get NaN.
     */
    public static double[] adjust(double[] p, boolean[] inFamily) {
        if (p.length != inFamily.length) throw new IllegalArgumentException(p.length + " p-values, " + inFamily.length + " flags");
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        int m = familySize(inFamily);
        Integer[] order = IntStream.range(0, p.length).filter(i -> inFamily[i] && !Double.isNaN(p[i]))
                .boxed().sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double running = 0;
        for (int k = 0; k < order.length; k++) {
            // The k-th smallest p is multiplied by the number of hypotheses still in play; taking the
            // running maximum keeps adjusted values in the same order as the raw ones. Members without
            // a p sort last (as p = 1), so they only enlarge the multipliers.
            running = Math.max(running, Math.min(1.0, (m - k) * p[order[k]]));
            out[order[k]] = running;
        }
        return out;
    }

    /** m: how many rows the family has, for the footnote that names it. */
    public static int familySize(boolean[] inFamily) {
        int m = 0;
        for (boolean b : inFamily) if (b) m++;
        return m;
    }
}
