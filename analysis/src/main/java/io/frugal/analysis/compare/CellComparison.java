package io.frugal.analysis.compare;

import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.Equivalence;
import io.frugal.analysis.table.CellKey;
import io.frugal.core.kind.MetricSchema;

/**
 * One cell present in both stores, compared on its kind's primary metric: Δ = mean(B) − mean(A)
 * with its 95% Welch interval and test ({@code welch}, B as the sample, A as the reference), and
 * the TOST of equivalence within the margin ({@code equivalence}). {@code identical}: both stores
 * have the same done runs (ids; none in both counts) and every one's result values are bitwise equal.
 */
public record CellComparison(CellKey key, String kind, MetricSchema.Metric metric, int doneA, int doneB, double meanA,
        double meanB, Difference welch, Equivalence equivalence, boolean identical, int runsNotEqual) {

    /** What a reader should take from the row. */
    public String verdict() {
        if (identical) return doneA == 0 ? "identical (no run done in either)" : "identical";
        if (doneA == 0 || doneB == 0) return "no done runs in " + (doneA == 0 ? "A" : "B");
        return switch (equivalence.verdict()) {
            case EQUIVALENT -> "equivalent";
            case DIFFERENT -> "different";
            case INCONCLUSIVE -> "inconclusive";
        };
    }
}
