package io.frugal.analysis.stats;

/**
 * P(X > Y): how often a run of the sample beats a run of the reference, over all n_x·n_y pairs,
 * ties counted ½. It is the Mann–Whitney U of the sample divided by n_x·n_y, the "probability of
 * improvement" rliable reports; 0.5 is no tendency either way, and with 3 against 3 seeds it moves
 * in steps of 1/9. NaN when a side is empty.
 */
public final class ProbabilityOfImprovement {
    private ProbabilityOfImprovement() {}

    public static double of(double[] sample, double[] reference) {
        if (sample.length == 0 || reference.length == 0) return Double.NaN;
        double wins = 0;
        for (double x : sample) {
            for (double y : reference) {
                if (x > y) wins += 1;
                else if (x == y) wins += 0.5;
            }
        }
        return wins / ((double) sample.length * reference.length);
    }
}
