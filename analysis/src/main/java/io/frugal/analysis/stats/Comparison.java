package io.frugal.analysis.stats;

/**
 * Everything a table row says about a cell against its baseline, computed in one call: the Welch
 * and rank tests ({@link Difference}), Hedges' g with its interval, the probability of improvement
 * P(X > Y), the seeds per arm a power analysis asks for, and the seeded bootstrap interval of Δ.
 */
public record Comparison(Difference difference, HedgesG hedgesG, double probabilityOfImprovement,
        double seedsPerArm, BootstrapInterval bootstrapDelta) {

    /** {@code seed} and {@code resamples} fix the bootstrap (see {@link Bootstrap}). */
    public static Comparison of(double[] sample, double[] reference, long seed, int resamples) {
        return new Comparison(Difference.welch(sample, reference), HedgesG.of(sample, reference),
                ProbabilityOfImprovement.of(sample, reference), PowerAnalysis.seedsPerArm(sample, reference),
                Bootstrap.difference(sample, reference, seed, resamples));
    }
}
