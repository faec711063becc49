package io.frugal.analysis.table;

import io.frugal.analysis.stats.BootstrapInterval;
import io.frugal.analysis.stats.Comparison;
import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.Summary;
import io.frugal.core.kind.MetricSchema;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import java.util.List;

/**
 * The aggregate of one cell. {@code metrics} is the schema of the cell's trainer kind;
 * {@code finalTop1} and {@code bestTop1} summarise its primary metric and the best-over-training
 * companion (NaN where the kind has none), in the metric's own unit (fractions in [0, 1] for
 * accuracies); {@code primaryBootstrap} is the seeded bootstrap interval of the primary metric's
 * mean. Seconds are seconds. Ratios and the comparison are against the baseline cell of the same
 * dataset and matrix values, and are NaN (or, for the comparison, null) where there is none.
 * {@code evaluations} is the mean over done runs, or over the plan when none is done
 * ({@code evaluationsFromPlan}). {@code pHolm} and {@code rankPHolm} are the Welch and rank-test
 * p-values, each Holm-adjusted across the table's family. {@code accounting} is SLURM's view of the
 * cell's done runs (none accounted for local runs).
 */
public record CellRow(CellKey key, boolean isBaseline, CellKey baselineKey, List<RunRecord> runs, MetricSchema metrics,
        Summary finalTop1, BootstrapInterval primaryBootstrap, Summary bestTop1, Summary trainSeconds, Summary evalSeconds,
        Summary wallSeconds, double evaluations, boolean evaluationsFromPlan, double evaluationRatio, double trainSecondsRatio,
        Comparison comparison, double pHolm, double rankPHolm, CellAccounting accounting) {
    public CellRow {
        runs = List.copyOf(runs);
    }

    /** The Welch and rank tests against the baseline; null where the row is not compared. */
    public Difference vsBaseline() {
        return comparison == null ? null : comparison.difference();
    }

    public int planned() {
        return runs.size();
    }

    public int done() {
        return count(RunState.DONE);
    }

    public int failed() {
        return count(RunState.FAILED);
    }

    /** Planned runs that are neither done nor failed: corrupt results, running, or not started. */
    public List<RunRecord> unfinished() {
        return runs.stream().filter(r -> r.state() != RunState.DONE && r.state() != RunState.FAILED).toList();
    }

    public List<RunRecord> failedRuns() {
        return runs.stream().filter(r -> r.state() == RunState.FAILED).toList();
    }

    /** Fewer runs done than planned: the row's numbers rest on fewer seeds than intended. */
    public boolean isIncomplete() {
        return done() < planned();
    }

    private int count(RunState state) {
        return (int) runs.stream().filter(r -> r.state() == state).count();
    }
}
